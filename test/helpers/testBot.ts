/**
 * The real bot (createBot) against the local Bot API server, on a fresh database.
 */
import pino from 'pino';
import type { Bot } from 'grammy';
import { createBot } from '../../src/bot/index.ts';
import type { BotContext } from '../../src/bot/context.ts';
import type { Services } from '../../src/services/index.ts';
import { createJobRunner } from '../../src/delivery/jobs.ts';
import { startOutboxSender, type OutboxSender, type SenderOptions } from '../../src/delivery/sender.ts';
import { committeeChatEvents } from '../../src/delivery/committeeChats.ts';
import { startBotApiServer, type BotApiServer, type BotApiServerOptions } from '../support/botApiServer.ts';
import { createBotDriver, type BotDriver } from '../support/botDriver.ts';
import { command, documentMessage, user } from '../support/updates.ts';
import type { User } from 'grammy/types';
import { openTestDatabase, testClock, testServices, type TestDatabase } from './testDatabase.ts';

export interface TestBot {
  tg: BotApiServer;
  db: TestDatabase;
  services: Services;
  bot: Bot<BotContext>;
  driver: BotDriver;
  clock: ReturnType<typeof testClock>;
  /** The outbox sender: the bot's handlers wait for it to deliver what they queued (drain). */
  sender: OutboxSender;
  /**
   * Another outbox sender on the same database, as a second process or the next start would run
   * it (`recover: false`: as the CLI's, it leaves rows cut by a crash alone). The caller stops it.
   */
  startSender(options?: { recover?: boolean }): Promise<OutboxSender>;
  /** A new bot instance on the same server, as after a restart; optionally the database reopened too. */
  restart(options?: { reopenDatabase?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export const ADMIN_ID = 1000;

/** The outbox sender against a test database and the fake Bot API server, on the test's clock. */
export function startTestSender(
  prisma: TestDatabase['prisma'],
  tg: BotApiServer,
  now: () => Date,
  options: Partial<SenderOptions> = {},
): Promise<OutboxSender> {
  return startOutboxSender({
    prisma,
    token: tg.token,
    apiRoot: tg.apiRoot,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    now,
    ...options,
  });
}

export async function startTestBot(
  options: { dataDir?: string; db?: TestDatabase; apiServer?: BotApiServerOptions } = {},
): Promise<TestBot> {
  const tg = await startBotApiServer(options.apiServer);
  const db = options.db ?? (await openTestDatabase({ dataDir: options.dataDir }));
  const clock = testClock();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const startSender = (database: TestDatabase, recover?: boolean) =>
    startTestSender(database.prisma, tg, clock.now, {
      recover,
      logger,
      // committee chats unbind on 403 and follow a migration, as in the bot process
      onChatEvent: (event) => committeeChatEvents(harness.services, logger)(event),
    });
  let sender = await startSender(db);
  const make = async (services: Services) => {
    const jobs = createJobRunner({ services, logger });
    // Here a handler waits until what it queued is delivered, so a test sees it among the calls.
    const delivery = {
      kick: () => harness.sender.drain(),
      afterCommit: async () => {
        await jobs.runPending();
        await harness.sender.drain();
      },
    };
    const bot = createBot({ services, logger, delivery }, { token: tg.token, apiRoot: tg.apiRoot });
    const driver = await createBotDriver(bot, tg);
    // What a test queued outside the bot (a launch through the services) is delivered before the
    // next update, never in the middle of it: the calls an update returns are its own.
    const settled: BotDriver = {
      bot,
      send: async (update) => {
        await harness.sender.drain();
        return driver.send(update);
      },
      click: async (from, message, button) => {
        await harness.sender.drain();
        return driver.click(from, message, button);
      },
    };
    return { bot, driver: settled };
  };
  const services = testServices(db, { now: clock.now, adminTelegramIds: [ADMIN_ID] });
  const harness: TestBot = {
    tg,
    db,
    services,
    clock,
    sender,
    startSender: (senderOptions = {}) => startSender(harness.db, senderOptions.recover),
    bot: undefined as unknown as TestBot['bot'],
    driver: undefined as unknown as TestBot['driver'],
    async restart({ reopenDatabase = false } = {}) {
      if (reopenDatabase) {
        await harness.sender.stop();
        await harness.db.close();
        harness.db = await openTestDatabase({ dataDir: options.dataDir });
        harness.services = testServices(harness.db, { now: clock.now, adminTelegramIds: [ADMIN_ID] });
        harness.sender = sender = await startSender(harness.db);
      }
      const next = await make(harness.services);
      harness.bot = next.bot;
      harness.driver = next.driver;
    },
    async close() {
      await harness.sender.stop();
      await harness.db.close();
      await tg.close();
    },
  };
  const first = await make(services);
  harness.bot = first.bot;
  harness.driver = first.driver;
  return harness;
}

/** The admin says /start, invites `person` as the coordinator of a municipality, and they accept. */
export async function registerCoordinator(h: TestBot, person: User, municipality = 'Дубенский район'): Promise<void> {
  const admin = user(ADMIN_ID, 'Анна');
  await h.driver.send(command(admin, '/start'));
  const adminPerson = await h.services.people.find(admin);
  const invite = await h.services.invites.create(
    { userId: adminPerson!.userId, role: 'admin', scope: { kind: 'all' } },
    { role: 'coordinator', scope: { kind: 'municipality', name: municipality } },
  );
  await h.driver.send(command(person, '/start', invite.code));
}

/** `from` sends a file to the bot as a document (registered on the Bot API server for getFile). */
export function sendFile(h: TestBot, from: User, bytes: Uint8Array, fileName: string) {
  const file = h.tg.registerFile(bytes, { fileName });
  return h.driver.send(
    documentMessage(from, { file_id: file.file_id, file_name: fileName, file_size: bytes.byteLength }),
  );
}

/** Seeds a small registry without going through the .xlsx import. */
export async function seedSchools(services: Services) {
  const prisma = services.deps.prisma;
  const region = await prisma.region.upsert({
    where: { name: services.deps.settings.regionName },
    create: { name: services.deps.settings.regionName },
    update: {},
  });
  const dubna = await prisma.municipality.create({ data: { regionId: region.id, name: 'Дубенский район' } });
  const yelnya = await prisma.municipality.create({ data: { regionId: region.id, name: 'Ельнинский район' } });
  const school = (code: string, municipalityId: number, name: string) =>
    prisma.school.create({
      data: {
        code,
        municipalityId,
        fullName: `МБОУ «${name}»`,
        shortName: name,
        type: 'СОШ',
        settlement: 'п. Дубна',
        rural: true,
      },
    });
  await school('sch710001', dubna.id, 'Дубенская СОШ № 1');
  await school('sch710002', dubna.id, 'Воскресенская СОШ');
  await school('sch670001', yelnya.id, 'Ельнинская СОШ № 1');
  return { region, dubna, yelnya };
}
