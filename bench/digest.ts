/**
 * `npm run bench:digest` — the weekly digest to 1,000 bound committee chats (issue 13 §1).
 *
 * The digest's record (services/digest.ts: DigestDelivery + outbox rows in one transaction per
 * scope) and the outbox sender (src/delivery/sender.ts: @grammyjs/transformer-throttler,
 * auto-retry) run in this process against the local Bot API server on 127.0.0.1
 * (test/support/botApiServer.ts) with the embedded database in a temporary DATA_DIR. Each of the
 * ten municipalities has a school with results, so every digest is its text and its chart
 * (a photo: rendered and uploaded once per scope, then sent by file_id). The server answers a
 * few calls with 429 «retry after 1» on the way, as Telegram does under load.
 *
 * Figures: total time from recording to the last delivery vs the floor M/30 s (M messages,
 * Telegram's ≈30 a second), the most messages seen in any one-second window, 429s answered and
 * retried, and per chat how many digests arrived (every chat exactly once).
 * Options: --chats N (1000), --429 N (5), --no-chart (texts only: M = N).
 * Prints figures, asserts nothing (the exit code is 1 when a chat got none or two).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/app.ts';
import { committeeChatEvents } from '../src/delivery/committeeChats.ts';
import { startOutboxSender } from '../src/delivery/sender.ts';
import { createLogger } from '../src/logger.ts';
import { currentDigestWeek, DEFAULT_DIGEST_SCHEDULE } from '../src/domain/digest/week.ts';
import { startBotApiServer } from '../test/support/botApiServer.ts';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const chats = argument('chats', 1000);
const injected429 = argument('429', 5);
const withChart = !process.argv.includes('--no-chart');

const dir = await mkdtemp(join(tmpdir(), 'kurator-bench-digest-'));
const tg = await startBotApiServer();
// The clock: ten minutes after this week's due moment (Monday 09:00 Moscow).
const due = currentDigestWeek(new Date(), DEFAULT_DIGEST_SCHEDULE).dueAt;
const now = () => new Date(due.getTime() + 600_000);
const app = await openApp(
  { databaseUrl: undefined, dataDir: join(dir, 'data'), adminTelegramIds: [], inviteTtlDays: 7, regionName: 'Бенч' },
  { now },
);
try {
  const prisma = app.db.prisma;
  const region = await prisma.region.create({ data: { name: 'Бенч' } });
  const municipalities = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      prisma.municipality.create({ data: { regionId: region.id, name: `Район ${i + 1}` } }),
    ),
  );
  if (withChart)
    for (const [i, municipality] of municipalities.entries()) {
      const school = await prisma.school.create({
        data: {
          code: `sch99${String(i).padStart(4, '0')}`,
          municipalityId: municipality.id,
          fullName: `МБОУ «СОШ № ${i + 1}»`,
          shortName: `СОШ № ${i + 1}`,
          type: 'СОШ',
          settlement: 'с.',
          rural: true,
        },
      });
      const entry = await prisma.resultImport.create({
        data: {
          fileName: 'ВПР.xlsx',
          actorLabel: 'cli',
          at: new Date(due.getTime() - 2 * 86_400_000),
          rowsTotal: 3,
          rowsNew: 3,
          rowsReplaced: 0,
          rowsUnchanged: 0,
        },
      });
      await prisma.assessmentResult.createMany({
        data: ['2022/2023', '2023/2024', '2024/2025'].map((year, y) => ({
          importId: entry.id,
          schoolId: school.id,
          year,
          kind: 'VPR' as const,
          subject: 'Математика',
          grade: 5,
          participants: 20,
          failed: 2 + y + (i % 3),
        })),
      });
    }
  await prisma.committeeChat.createMany({
    data: Array.from({ length: chats }, (_, i) => ({
      chatId: BigInt(-4_100_000_000 - i),
      title: `Комитет ${i + 1}`,
      regionId: region.id,
      municipalityId: municipalities[i % municipalities.length]!.id,
      boundAt: new Date(due.getTime() - 86_400_000),
    })),
  });
  const sender = await startOutboxSender({
    prisma,
    token: tg.token,
    apiRoot: tg.apiRoot,
    logger: createLogger('silent'),
    now,
    onChatEvent: committeeChatEvents(app.services),
  });
  // 429s early in the run: each costs its message a 1 s wait and one retry.
  setTimeout(() => tg.failNext('sendMessage', { error_code: 429, retry_after: 1 }, injected429), 2_000).unref();

  const startedAt = Date.now();
  const started = performance.now();
  // Recording the week's digests (per scope: content, then the rows with their outbox messages
  // in one transaction); the sender starts on the first scope's commit.
  const recorded = await app.services.digest.prepareDue(() => sender.kick());
  const prepared = (performance.now() - started) / 1000;
  await sender.drain();
  const seconds = (performance.now() - started) / 1000;
  await sender.stop();

  const texts = tg.callsOf('sendMessage');
  const photos = tg.callsOf('sendPhoto');
  const sends = [...texts, ...photos];
  const delivered = new Map<number, number>();
  for (const call of texts.filter((c) => c.response?.ok)) {
    const chat = Number(call.payload.chat_id);
    delivered.set(chat, (delivered.get(chat) ?? 0) + 1);
  }
  const times = sends.map((c) => c.at).sort((a, b) => a - b);
  const okTimes = sends
    .filter((c) => c.response?.ok)
    .map((c) => c.at)
    .sort((a, b) => a - b);
  let okPeak = 0;
  for (let i = 0, j = 0; i < okTimes.length; i++) {
    while (okTimes[i]! - okTimes[j]! >= 1000) j++;
    okPeak = Math.max(okPeak, i - j + 1);
  }
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  const answered429 = sends.filter((c) => c.response && !c.response.ok && c.response.error_code === 429).length;
  // Every refused message was delivered later (the per-chat count below shows no chat was missed).
  const outbox = await prisma.outboxMessage.groupBy({ by: ['state'], _count: true });
  const deliveredCalls = sends.filter((c) => c.response?.ok).length;
  const uploads = photos.filter((c) => c.response?.ok && String(c.payload.photo).startsWith('attach://')).length;
  const once = [...delivered.values()].filter((n) => n === 1).length;
  const twice = [...delivered.values()].filter((n) => n > 1).length;
  const none = chats - delivered.size;
  const rows = await prisma.digestDelivery.count();
  const messages = deliveredCalls;
  const floor = messages / 30;
  const pending = outbox.filter((r) => r.state !== 'sent').reduce((sum, r) => sum + r._count, 0);
  console.log(
    `bench:digest — ${chats} bound chats, one digest each (${withChart ? 'text + chart' : 'text'}), local Bot API server`,
  );
  console.log(
    `  total            ${seconds.toFixed(1)} s for ${messages} messages (floor ${messages}/30 = ${floor.toFixed(1)} s; ratio ${(seconds / floor).toFixed(3)}, target ≤ 1.15)`,
  );
  console.log(`  of which         recording ${prepared.toFixed(1)} s (${recorded.queued} chats; sending overlaps it)`);
  console.log(
    `  first / last     ${((times[0]! - startedAt) / 1000).toFixed(1)} s / ${((times.at(-1)! - startedAt) / 1000).toFixed(1)} s after the start`,
  );
  console.log(`  peak             ${peak} calls (${okPeak} delivered) in any one second (limit ≈ 30)`);
  console.log(
    `  charts           ${uploads} uploaded, ${photos.filter((c) => c.response?.ok).length - uploads} sent by file_id`,
  );
  console.log(
    `  429              ${answered429} answered; messages not delivered in the end: ${pending} (outbox ${outbox.map((r) => `${r.state} ${r._count}`).join(', ')})`,
  );
  console.log(`  per chat         exactly once ${once}, twice or more ${twice}, none ${none}; ${rows} records`);
  if (twice > 0 || none > 0 || pending > 0) process.exitCode = 1;
} finally {
  await app.db.close();
  await tg.close();
  await rm(dir, { recursive: true, force: true });
}
