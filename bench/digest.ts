/**
 * `npm run bench:digest` — the weekly digest to 1,000 bound committee chats (issue 13 §1).
 *
 * The digest sender (src/digest/sender.ts: @grammyjs/transformer-throttler + the exactly-once
 * record) runs in this process against the local Bot API server on 127.0.0.1
 * (test/support/botApiServer.ts) with the embedded database in a temporary DATA_DIR. The server
 * answers a few calls with 429 «retry after 1» on the way, as Telegram does under load.
 *
 * Figures: total time of the pass vs the floor N/30 s (Telegram's ≈30 messages a second), the
 * most messages seen in any one-second window, 429s answered and retried, and per chat how many
 * digests arrived (every chat exactly once). Options: --chats N (1000), --429 N (5).
 * Prints figures, asserts nothing (the exit code is 1 when a chat got none or two).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/app.ts';
import { createDigestSender } from '../src/digest/sender.ts';
import { currentDigestWeek, DEFAULT_DIGEST_SCHEDULE } from '../src/domain/digest/week.ts';
import { startBotApiServer } from '../test/support/botApiServer.ts';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const chats = argument('chats', 1000);
const injected429 = argument('429', 5);

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
  await prisma.committeeChat.createMany({
    data: Array.from({ length: chats }, (_, i) => ({
      chatId: BigInt(-4_100_000_000 - i),
      title: `Комитет ${i + 1}`,
      regionId: region.id,
      municipalityId: municipalities[i % municipalities.length]!.id,
      boundAt: new Date(due.getTime() - 86_400_000),
    })),
  });
  const sender = createDigestSender({ services: app.services, api: { token: tg.token, apiRoot: tg.apiRoot } });
  // 429s early in the run: each costs its chat a 1 s wait and one retry.
  setTimeout(() => tg.failNext('sendMessage', { error_code: 429, retry_after: 1 }, injected429), 2_000).unref();

  const started = performance.now();
  // Recording the week's digests (content per scope, one row per chat), then sending them.
  await app.services.digest.prepareDue();
  const prepared = (performance.now() - started) / 1000;
  const report = await sender.sendDue();
  const seconds = (performance.now() - started) / 1000;

  const sends = tg.callsOf('sendMessage');
  const delivered = new Map<number, number>();
  for (const call of sends.filter((c) => c.response?.ok)) {
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
  const once = [...delivered.values()].filter((n) => n === 1).length;
  const twice = [...delivered.values()].filter((n) => n > 1).length;
  const none = chats - delivered.size;
  const rows = await prisma.digestDelivery.groupBy({ by: ['status'], _count: true });
  const floor = chats / 30;
  console.log(`bench:digest — ${chats} bound chats, one digest each, local Bot API server`);
  console.log(
    `  total            ${seconds.toFixed(1)} s (floor ${chats}/30 = ${floor.toFixed(1)} s; ratio ${(seconds / floor).toFixed(3)}, target ≤ 1.15)`,
  );
  console.log(
    `  of which         recording ${prepared.toFixed(1)} s, sending ${(seconds - prepared).toFixed(1)} s (ratio ${((seconds - prepared) / floor).toFixed(3)})`,
  );
  console.log(`  peak             ${peak} sendMessage calls (${okPeak} delivered) in any one second (limit ≈ 30)`);
  console.log(
    `  429              ${answered429} answered, ${report.retried429} retried, unretried ${answered429 - report.retried429}`,
  );
  console.log(`  per chat         exactly once ${once}, twice or more ${twice}, none ${none}`);
  console.log(`  record           ${rows.map((r) => `${r.status} ${r._count}`).join(', ')}`);
  if (twice > 0 || none > 0) process.exitCode = 1;
} finally {
  await app.db.close();
  await tg.close();
  await rm(dir, { recursive: true, force: true });
}
