/**
 * Wiring shared by the bot process and the CLI: configuration → database → services.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type Database, type DatabaseTarget, type OpenDatabaseOptions } from './db/client.ts';
import { createServices, type Services } from './services/index.ts';
import { setTimeZone } from './domain/timeZone.ts';

type DatabaseSettings = Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'embeddedPgPort'>>;

function databaseTarget(config: DatabaseSettings): DatabaseTarget {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  return {
    kind: 'embedded',
    dataDir: isAbsolute(config.dataDir) ? config.dataDir : resolve(config.dataDir),
    server: { port: config.embeddedPgPort },
  };
}

export interface App {
  db: Database;
  services: Services;
}

export async function openApp(
  config: DatabaseSettings &
    Pick<Config, 'adminTelegramIds' | 'inviteTtlDays' | 'regionName'> &
    Partial<Pick<Config, 'regionalBodies' | 'digestSchedule' | 'timeZone'>>,
  options: {
    now?: () => Date;
    /** run region-sized imports on a worker thread with its own connection (the bot: other chats keep answering) */
    workerWrites?: boolean;
  } & OpenDatabaseOptions = {},
): Promise<App> {
  // dates are read and shown in the installation's zone from here on (config TZ_NAME, issue 14)
  if (config.timeZone) setTimeZone(config.timeZone);
  const db = await openDatabase(databaseTarget(config), options);
  const services = createServices({
    prisma: db.prisma,
    now: options.now ?? (() => new Date()),
    ...(options.workerWrites ? { workerDatabase: { url: db.url, applicationName: db.applicationName } } : {}),
    settings: {
      adminTelegramIds: config.adminTelegramIds,
      inviteTtlDays: config.inviteTtlDays,
      regionName: config.regionName,
      ...(config.regionalBodies ? { regionalBodies: config.regionalBodies } : {}),
      ...(config.digestSchedule ? { digestSchedule: config.digestSchedule } : {}),
    },
  });
  return { db, services };
}
