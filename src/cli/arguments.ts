/**
 * Argument checks of the `kurator` commands: a wrong argument is a usage error — one Russian
 * line naming the argument and an example, exit code 2 (runCli) — before anything is opened.
 */
import { stat } from 'node:fs/promises';
import { t } from '../i18n.ts';

export class UsageError extends Error {}

/** Exit code of a usage error (a wrong argument or option), as common for command-line tools. */
export const USAGE_EXIT_CODE = 2;

/** Invite lifetime in days, the same 1–90 as INVITE_TTL_DAYS. */
export function parseDays(value: string): number {
  const days = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > 90)
    throw new UsageError(t('cli-arg-days', { value, min: 1, max: 90 }));
  return days;
}

/** A record number (e.g. an invite id). */
export function idParser(option: string) {
  return (value: string): number => {
    const id = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647)
      throw new UsageError(t('cli-arg-id', { option, value }));
    return id;
  };
}

/** Devices, folders and pipes (/dev/zero would be read forever) are refused before reading. */
export async function assertRegularFile(path: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    return; // missing or unreadable: the reader says which
  }
  if (!info.isFile()) throw new UsageError(t('cli-arg-not-regular-file', { path }));
}
