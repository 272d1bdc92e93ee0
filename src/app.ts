/**
 * Wiring shared by the bot process and the CLI: configuration → database → services.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type Database, type DatabaseTarget } from './db/client.ts';
import { createServices, type Services } from './services/index.ts';

export function databaseTarget(config: Pick<Config, 'databaseUrl' | 'dataDir'>): DatabaseTarget {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  return { kind: 'pglite', dataDir: isAbsolute(config.dataDir) ? config.dataDir : resolve(config.dataDir) };
}

export interface App {
  db: Database;
  services: Services;
}

export async function openApp(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'adminTelegramIds' | 'inviteTtlDays' | 'regionName'> &
    Partial<Pick<Config, 'digestSchedule'>>,
  options: { now?: () => Date } = {},
): Promise<App> {
  const db = await openDatabase(databaseTarget(config));
  const services = createServices({
    prisma: db.prisma,
    now: options.now ?? (() => new Date()),
    settings: {
      adminTelegramIds: config.adminTelegramIds,
      inviteTtlDays: config.inviteTtlDays,
      regionName: config.regionName,
      digestSchedule: config.digestSchedule,
    },
  });
  return { db, services };
}
