/** Downloading a document a person sent, with Telegram's 20 MB bot limit checked first. */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { BotContext } from './context.ts';

export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

class DownloadError extends Error {}

/**
 * Downloads the document of this message, or an earlier one by its file_id. A local Bot API
 * server (`telegram-bot-api --local`, reached through TELEGRAM_API_ROOT) answers getFile with the
 * file's absolute path on its own disk, which it does not serve over HTTP: the bot then reads the
 * file there, as @grammyjs/files does (the two must share the disk).
 */
export async function downloadDocument(ctx: BotContext, apiRoot: string, fileId?: string): Promise<Uint8Array> {
  const file = fileId ? await ctx.api.getFile(fileId) : await ctx.getFile();
  if (!file.file_path) throw new DownloadError('no file_path');
  if (isAbsolute(file.file_path)) {
    if ((await stat(file.file_path)).size > TELEGRAM_DOWNLOAD_LIMIT) throw new DownloadError('too large');
    return new Uint8Array(await readFile(file.file_path));
  }
  const response = await fetch(`${apiRoot}/file/bot${ctx.api.token}/${file.file_path}`);
  if (!response.ok) throw new DownloadError(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > TELEGRAM_DOWNLOAD_LIMIT) throw new DownloadError('too large');
  return bytes;
}
