/**
 * Acceptance of issue 13 §1 (exactly once): two groups bound to two municipalities, results
 * imported, the clock passes Monday 09:00 Moscow, the bot process is killed (SIGKILL) in the
 * middle of sending — one group's digest is waiting out a 429 — and started
 * again: every group has exactly one digest, of its own scope. The digest goes through the outbox
 * like every message (its record and outbox row in one transaction); a 429 puts the row back to
 * `pending`, so the kill does not leave it `sending` (which would never be resent).
 * A real process (src/main.ts), the local Bot API server, the embedded database in a temp DATA_DIR.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.ts';
import { DEFAULT_DIGEST_SCHEDULE, currentDigestWeek } from '../../src/domain/digest/week.ts';
import { actorOf } from '../../src/services/index.ts';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { stopLeftoverServer } from '../support/leftoverServer.ts';
import { groupChat, groupCommand, user } from '../support/updates.ts';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.ts';
import { resultsSheet } from '../helpers/workbooks.ts';

const boris = user(2201, 'Борис');
const galina = user(2202, 'Галина');
type OutboxRow = { chatId: bigint; kind: string; state: string };

const dubnaGroup = groupChat(-4_000_000_201, 'Комитет Дубна');
const yelnyaGroup = groupChat(-4_000_000_202, 'Комитет Ельня');

describe('the weekly digest survives SIGKILL mid-send', () => {
  let tg: BotApiServer;
  let cwd: string;
  let config: Parameters<typeof openApp>[0];
  let bot: BotProcess | null = null;
  // The next Monday 09:00 Moscow after now: the process clock is started just before it.
  const due = currentDigestWeek(new Date(), DEFAULT_DIGEST_SCHEDULE).nextDueAt;

  const start = async (clockStart: Date) => {
    bot = startBotProcess(
      {
        DATA_DIR: config.dataDir,
        REGION_NAME: config.regionName,
        LOG_LEVEL: 'warn',
        KURATOR_CLOCK_START: clockStart.toISOString(),
        DIGEST_CHECK_SECONDS: '1',
      },
      { tg, cwd },
    );
    await bot.polling(60_000);
  };
  const digestsTo = (chatId: number) =>
    tg
      .callsOf('sendMessage')
      .filter(
        (call) =>
          call.payload.chat_id === chatId &&
          call.response?.ok === true &&
          String(call.payload.text).startsWith('Сводка за неделю'),
      );

  /**
   * Polls the outbox of the running bot's database (opened next to it, as the CLI does) until
   * `ready` holds for its rows; the connection is closed before the bot is stopped or killed.
   */
  const outboxUntil = async (ready: (rows: OutboxRow[]) => boolean, what: string, timeoutMs = 30_000) => {
    const app = await openApp(config);
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const rows = await app.db.prisma.outboxMessage.findMany({
          select: { chatId: true, kind: true, state: true },
          orderBy: { id: 'asc' },
        });
        if (ready(rows)) return rows;
        if (Date.now() > deadline)
          throw new Error(
            `${what} within ${timeoutMs} ms: ${JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? Number(v) : v))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await app.db.close();
    }
  };

  beforeAll(async () => {
    tg = await startBotApiServer();
    cwd = await mkdtemp(join(tmpdir(), 'kurator-digest-'));
    config = {
      databaseUrl: undefined,
      dataDir: join(cwd, 'data'),
      adminTelegramIds: [],
      inviteTtlDays: 7,
      regionName: 'Тестовая область',
    };
    // Two days before the digest: the registry, two coordinators and their imports.
    const app = await openApp(config, { now: () => new Date(due.getTime() - 2 * 86_400_000) });
    const prisma = app.db.prisma;
    const region = await prisma.region.create({ data: { name: config.regionName } });
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
          settlement: 'п.',
          rural: true,
        },
      });
    await school('sch710001', dubna.id, 'Дубенская СОШ № 1');
    await school('sch670001', yelnya.id, 'Ельнинская СОШ № 1');
    const coordinator = (who: typeof boris, municipalityId: number) =>
      prisma.user.create({
        data: {
          telegramId: BigInt(who.id),
          firstName: who.first_name,
          role: 'coordinator',
          regionId: region.id,
          municipalityId,
        },
      });
    await coordinator(boris, dubna.id);
    await coordinator(galina, yelnya.id);
    const importAs = async (who: typeof boris, rows: unknown[][], fileName: string) => {
      const person = await app.services.people.find(who);
      const outcome = await app.services.results.importFile(actorOf(person!), await resultsSheet(rows), { fileName });
      expect(outcome.ok).toBe(true);
    };
    await importAs(boris, [['2023/2024', 'sch710001', '', 'ВПР', 'Математика', 5, 20, 2]], 'Дубна-ВПР.xlsx');
    await importAs(galina, [['2023/2024', 'sch670001', '', 'ОГЭ', 'Математика', '', 18, 5]], 'Ельня-ОГЭ.xlsx');
    await app.db.close();
  });
  afterAll(async () => {
    await bot?.killGroup();
    if (config) await stopLeftoverServer(config.dataDir);
    await tg?.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('every group gets exactly one digest of its own scope', async () => {
    // An hour before: the coordinators bind their groups.
    await start(new Date(due.getTime() - 3_600_000));
    tg.queueUpdate(groupCommand(boris, '/digest', 'here', { chat: dubnaGroup }));
    tg.queueUpdate(groupCommand(galina, '/digest', 'here', { chat: yelnyaGroup }));
    await tg.waitFor((call) => call.method === 'sendMessage' && call.payload.chat_id === yelnyaGroup.id, 20_000);
    await tg.waitFor((call) => call.method === 'sendMessage' && call.payload.chat_id === dubnaGroup.id, 20_000);
    // What the outbox owes the coordinators (the imports' announcements; in a month of the
    // monitoring calendar its notices too) goes out now, whenever it gets there: all of it is
    // delivered before the stop, so the 429 below falls on a digest and on nothing else.
    const owed = await outboxUntil((rows) => rows.every((row) => row.state === 'sent'), 'the outbox delivered');
    expect(owed.filter((row) => row.kind === 'identification.changes').map((row) => Number(row.chatId))).toEqual(
      expect.arrayContaining([boris.id, galina.id]),
    );
    expect(await bot!.stop()).toBe(0);
    // The two groups' confirmations; each coordinator got what the outbox owed them, once.
    expect(tg.callsOf('sendMessage').filter((call) => Number(call.payload.chat_id) < 0)).toHaveLength(2);
    for (const who of [boris, galina])
      expect(tg.callsOf('sendMessage').filter((call) => call.payload.chat_id === who.id)).toHaveLength(
        owed.filter((row) => Number(row.chatId) === who.id).length,
      );

    // Seconds before 09:00: the clock passes it while the bot runs. The first digest call is
    // refused with «retry after 60»: the bot waits it out, and is killed meanwhile.
    tg.failNext('sendMessage', { error_code: 429, retry_after: 60 });
    const beforeDue = tg.calls.at(-1)?.seq ?? 0;
    await start(new Date(due.getTime() - 2_000));
    const refused = await tg.waitFor(
      (call) =>
        call.seq > beforeDue &&
        call.method === 'sendMessage' &&
        Number(call.payload.chat_id) < 0 &&
        call.response?.ok === false,
      30_000,
    );
    // The refused digest goes back to `pending` at once and waits out the 60 s. The other group's
    // digest was queued in its own transaction: it went out in the same pass, or it waits for the
    // next one, which begins when this pass ends (after the retry). The kill comes once nothing
    // is `sending` and the rows have kept their states for 2.5 s (the per-group pause is 1 s), so
    // no message is cut on the wire (`unknown`, never resent): every digest is sent once, or
    // waits for the next start.
    let last = '';
    let since = Date.now();
    await outboxUntil((rows) => {
      const states = JSON.stringify(rows.map((row) => row.state));
      if (states !== last) [last, since] = [states, Date.now()];
      const refusedDigest = rows.find((row) => row.kind === 'digest' && Number(row.chatId) === refused.payload.chat_id);
      return (
        refusedDigest?.state === 'pending' &&
        rows.every((row) => row.state !== 'sending') &&
        Date.now() - since >= 2_500
      );
    }, 'the refused digest pending, nothing on the wire');
    expect(await bot!.kill()).toBe(null);
    bot = null;
    expect(digestsTo(refused.payload.chat_id as number)).toHaveLength(0);

    await start(new Date(due.getTime() + 60_000));
    await tg.waitFor(() => digestsTo(refused.payload.chat_id as number).length > 0, 30_000);
    // A few more passes: nothing else goes out.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await bot!.stop()).toBe(0);
    bot = null;

    const dubna = digestsTo(dubnaGroup.id);
    const yelnya = digestsTo(yelnyaGroup.id);
    expect(dubna).toHaveLength(1);
    expect(yelnya).toHaveLength(1);
    expect(dubna[0]!.payload.text).toContain('Дубенский район');
    expect(dubna[0]!.payload.text).toContain('Дубна-ВПР.xlsx — Борис');
    expect(dubna[0]!.payload.text).not.toContain('Ельня');
    expect(yelnya[0]!.payload.text).toContain('Ельнинский район');
    expect(yelnya[0]!.payload.text).toContain('Ельня-ОГЭ.xlsx — Галина');
    expect(yelnya[0]!.payload.text).not.toContain('Дубна');

    const app = await openApp(config);
    try {
      // One record per group and week, each with its outbox message, delivered once.
      const rows = await app.db.prisma.digestDelivery.findMany({ orderBy: { chatId: 'asc' } });
      expect(rows.map((row) => Number(row.chatId))).toEqual([yelnyaGroup.id, dubnaGroup.id]);
      const messages = await app.db.prisma.outboxMessage.findMany({
        where: { kind: 'digest' },
        orderBy: { chatId: 'asc' },
      });
      expect(messages.map((row) => [Number(row.chatId), row.state])).toEqual([
        [yelnyaGroup.id, 'sent'],
        [dubnaGroup.id, 'sent'],
      ]);
    } finally {
      await app.db.close();
    }
  }, 180_000);
});
