/** What every `kurator` command shares: the database opened for one command, input files, output. */
import { readFile } from 'node:fs/promises';
import type { App } from '../app.ts';
import { parseConfig, type Config } from '../config.ts';
import { t } from '../i18n.ts';
import { assertRegularFile } from './arguments.ts';

export class CliError extends Error {}

function loadConfig(): Config {
  return parseConfig(process.env, { requireBotToken: false });
}

/**
 * Opens the database for one command: the embedded server is used when running (the bot's) or
 * started and stopped again; migrations only in `db migrate`, other commands check them.
 */
export async function withApp<T>(
  work: (app: App, config: Config) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  // Prisma and the services load with the first command that needs them, not for `--help`.
  const { openApp } = await import('../app.ts');
  const app = await openApp(config, options.migrate ? { migrate: true } : { requireUpToDate: true });
  try {
    return await work(app, config);
  } finally {
    await app.db.close();
  }
}

export async function readInput(path: string): Promise<Uint8Array> {
  await assertRegularFile(path);
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(t('cli-file-not-found', { path }));
    throw new CliError(t('cli-file-unreadable', { path, reason: (error as Error).message }));
  }
}

export async function botUsername(config: Config): Promise<string | undefined> {
  if (config.botUsername) return config.botUsername;
  if (!config.botToken) return undefined;
  const apiRoot = config.telegramApiRoot ?? 'https://api.telegram.org';
  try {
    const response = await fetch(`${apiRoot}/bot${config.botToken}/getMe`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { ok: boolean; result?: { username?: string } };
    return body.ok ? body.result?.username : undefined;
  } catch {
    return undefined;
  }
}

export const print = (text: string) => process.stdout.write(`${text}\n`);

/**
 * Delivers what the outbox holds now, with the bot's sender (the same exactly-once record), and
 * stops. grammY and pino load only here (issue 8: other commands start without them).
 */
export async function deliverOutbox(app: App, config: Config): Promise<void> {
  const [{ committeeChatEvents }, { startOutboxSender }, { createLogger }] = await Promise.all([
    import('../delivery/committeeChats.ts'),
    import('../delivery/sender.ts'),
    import('../logger.ts'),
  ]);
  const sender = await startOutboxSender({
    prisma: app.db.prisma,
    token: config.botToken,
    apiRoot: config.telegramApiRoot,
    logger: createLogger('silent'),
    recover: false,
    now: app.services.deps.now,
    onChatEvent: committeeChatEvents(app.services),
  });
  await sender.drain();
  await sender.stop();
}
