/**
 * Russian lines for database faults at start-up (bot and CLI alike): one line each, naming the
 * cause and the fix, so no stack trace reaches a terminal.
 */
import { BotAlreadyRunningError } from '../db/botLock.ts';
import { EmbeddedServerError } from '../db/embeddedServer.ts';
import { DatabaseOutdatedError } from '../db/migrationStatus.ts';
import { t } from '../i18n.ts';

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  '28P01',
  '28000',
  '3D000',
]);

/**
 * The schema engine (migrations at the bot's start, `kurator db migrate`) reports a connection
 * fault as text, without the driver's code (P1001 unreachable, P1000 authentication, P1003 no
 * such database): its first line is the reason.
 */
const SCHEMA_ENGINE_CONNECT =
  /^(Can't reach database server|Authentication failed against database server|Database .+ does not exist)/;

/** The message for a database fault, or undefined when the error is not one we know. */
export function databaseErrorMessage(error: unknown): string | undefined {
  if (error instanceof EmbeddedServerError) {
    // Strings, not numbers: Fluent would group a port's or PID's digits ("40 473").
    const params = Object.fromEntries(Object.entries(error.params).map(([key, value]) => [key, String(value)]));
    return t(`db-${error.reason}`, params);
  }
  if (error instanceof BotAlreadyRunningError) return t('db-locked', { pid: error.holder });
  if (error instanceof DatabaseOutdatedError) {
    return error.unknown.length
      ? t('db-newer', { unknown: error.unknown.join(', ') })
      : t('db-outdated', { pending: error.pending.join(', ') });
  }
  if (error instanceof Error && SCHEMA_ENGINE_CONNECT.test(error.message)) {
    return t('db-connect-failed', { reason: error.message.split('\n')[0]! });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECT_CODES.has(code)) {
    return t('db-connect-failed', { reason: (error as Error).message || code });
  }
  return undefined;
}
