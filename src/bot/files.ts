/** Downloading a document a person sent, with Telegram's 20 MB bot limit checked first. */
import type { BotContext } from './context.ts';

export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

class DownloadError extends Error {}

/** Downloads the document of this message, or an earlier one by its file_id. */
export async function downloadDocument(ctx: BotContext, apiRoot: string, fileId?: string): Promise<Uint8Array> {
  const file = fileId ? await ctx.api.getFile(fileId) : await ctx.getFile();
  if (!file.file_path) throw new DownloadError('no file_path');
  const response = await fetch(`${apiRoot}/file/bot${ctx.api.token}/${file.file_path}`);
  if (!response.ok) throw new DownloadError(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > TELEGRAM_DOWNLOAD_LIMIT) throw new DownloadError('too large');
  return bytes;
}
