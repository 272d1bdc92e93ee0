/**
 * `npm run bench:flow` — directors answering a questionnaire in chat at the same time (issue #5).
 *
 * The bot runs unchanged: `src/main.ts` in its own process, long polling (@grammyjs/runner)
 * against a local Bot API server on 127.0.0.1 (test/support/botApiServer.ts) that plays
 * Telegram, with the embedded PostgreSQL server in a temporary DATA_DIR. This process seeds the
 * registry, imports a 60-item questionnaire from .xlsx and launches a campaign, then simulates
 * the directors: each presses the invitation's «Заполнить» button, answers every question (a
 * button for yes/no and choices, a typed number in the usual spellings: «12,5», «12.5»,
 * «12 %», «12%») as soon as it arrives, and submits from the review.
 *
 * Latency of an update: from the moment the update is queued at the Bot API server (Telegram
 * received it) to the moment the bot's reply (the next question) reaches the server. At the
 * end the bot is stopped, and every answer is checked in the database against what was sent.
 *
 * Options: --directors N (200), --items N (60), --think MS (0: answer at once; otherwise a pause
 * of 0.5–1.5 × MS before each answer, to offer a steady load instead of a burst), --postgres
 * (a throwaway PostgreSQL server instead of the embedded database), --whoami (send /whoami
 * instead of answering: the cost of an update before any form logic), --profile DIR.
 * Prints figures, asserts nothing (the exit code is 1 only when answers are missing).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Message, Update } from 'grammy/types';
import { openApp } from '../src/app.ts';
import { SHEET_COLUMNS } from '../src/domain/questionnaires/index.ts';
import { CLI_ACTOR } from '../src/services/index.ts';
import { startBotApiServer, type BotApiCall } from '../test/support/botApiServer.ts';
import { createDatabase, startPostgres } from '../test/support/postgres.ts';
import { startBotProcess } from '../test/helpers/botProcess.ts';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const DIRECTORS = argument('directors', 200);
const ITEMS = argument('items', 60);
const THINK_MS = argument('think', 0);
const POSTGRES = process.argv.includes('--postgres');
const WHOAMI = process.argv.includes('--whoami');
const FIRST_ID = 100_001;

// ─────────────── The questionnaire: 60 items of the kinds a monitoring form has ───────────────

type Kind = 'yesNo' | 'percent' | 'integer' | 'choice';
const KINDS: Kind[] = Array.from(
  { length: ITEMS },
  (_, i) => (['yesNo', 'percent', 'integer', 'percent', 'choice', 'yesNo'] as const)[i % 6]!,
);
const CHOICES = ['Городская', 'Сельская', 'Смешанная'];

async function questionnaireSheet(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Анкета');
  sheet.addRow([...SHEET_COLUMNS]);
  KINDS.forEach((kind, i) => {
    const section = i % 10 === 0 ? `Раздел ${i / 10 + 1}` : '';
    const number = `${Math.floor(i / 10) + 1}.${(i % 10) + 1}`;
    const type = { yesNo: 'да/нет', percent: 'процент', integer: 'целое', choice: 'один из' }[kind];
    sheet.addRow([
      section,
      number,
      `Вопрос ${number}: показатель мониторинга`,
      type,
      'да',
      kind === 'choice' ? CHOICES.join('; ') : '',
      '',
      '',
    ]);
  });
  sheet.getColumn(2).numFmt = '@';
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** What director d answers to item i, as typed or pressed, and as it must be stored. */
function answerOf(d: number, i: number): { press?: RegExp; text?: string; stored: unknown } {
  switch (KINDS[i]!) {
    case 'yesNo': {
      const yes = (d + i) % 3 !== 0;
      return { press: yes ? /^Да$/ : /^Нет$/, stored: yes };
    }
    case 'percent': {
      const value = ((d * 7 + i * 3) % 1000) / 10;
      const text = String(value);
      const spelled = [text.replace('.', ','), text, `${text.replace('.', ',')} %`, `${text}%`][(d + i) % 4]!;
      return { text: spelled, stored: value };
    }
    case 'integer': {
      const value = (d * 13 + i) % 500;
      return { text: String(value), stored: value };
    }
    case 'choice': {
      const option = (d + i) % CHOICES.length;
      return { press: new RegExp(`^${CHOICES[option]}$`), stored: String(option + 1) };
    }
  }
}

// ─────────────── Setup ───────────────

const dir = await mkdtemp(join(tmpdir(), 'kurator-bench-flow-'));
const dataDir = join(dir, 'data');
const postgres = POSTGRES ? await startPostgres() : null;
const databaseUrl = postgres ? await createDatabase(postgres.url, 'kurator_bench_flow') : undefined;
const config = { databaseUrl, dataDir, adminTelegramIds: [], inviteTtlDays: 7, regionName: 'Бенчмарк' };
const setupStarted = performance.now();
let campaignId: number;
{
  const app = await openApp(config, { migrate: true });
  const prisma = app.db.prisma;
  const region = await prisma.region.create({ data: { name: config.regionName } });
  const municipality = await prisma.municipality.create({ data: { regionId: region.id, name: 'Тестовый район' } });
  await prisma.school.createMany({
    data: Array.from({ length: DIRECTORS }, (_, d) => ({
      code: `sch${900000 + d}`,
      municipalityId: municipality.id,
      fullName: `МБОУ «СОШ № ${d + 1}»`,
      shortName: `СОШ № ${d + 1}`,
      type: 'СОШ',
      settlement: 'г. Тест',
      rural: false,
    })),
  });
  const schools = await prisma.school.findMany({ orderBy: { code: 'asc' } });
  await prisma.user.createMany({
    data: schools.map((school, d) => ({
      telegramId: BigInt(FIRST_ID + d),
      firstName: `Директор ${d + 1}`,
      role: 'director' as const,
      regionId: region.id,
      schoolId: school.id,
    })),
  });
  const imported = await app.services.questionnaires.importQuestionnaire(
    CLI_ACTOR,
    await questionnaireSheet(),
    'Бенчмарк.xlsx',
  );
  if (!imported.ok || imported.versionId === null)
    throw new Error(`questionnaire not imported: ${JSON.stringify(imported.issues)}`);
  const launched = await app.services.campaigns.launch(CLI_ACTOR, {
    questionnaireVersionId: imported.versionId,
    schools: 'all',
    deadline: new Date(Date.now() + 14 * 86_400_000),
  });
  campaignId = launched.campaignId;
  await app.db.close();
}
console.log(
  `setup: ${DIRECTORS} schools and directors, ${ITEMS}-item questionnaire, campaign #${campaignId} (${((performance.now() - setupStarted) / 1000).toFixed(1)} s)`,
);

// ─────────────── The bot process and Telegram ───────────────

const tg = await startBotApiServer();
// --profile DIR: a CPU profile of the bot process, written when it stops.
const profileAt = process.argv.indexOf('--profile');
const profile = profileAt > 0 ? ['--cpu-prof', `--cpu-prof-dir=${process.argv[profileAt + 1]}`] : [];
const bot = startBotProcess(
  { DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', LOG_LEVEL: 'warn', REGION_NAME: config.regionName },
  { tg, cwd: dir, nodeArgs: profile, stdio: 'inherit' },
);
await bot.polling(120_000);
// The launch queued every director's invitation in the outbox; the bot sends them after its start
// (≈ 30 a second). A director presses «Заполнить» on the invitation, so the run starts once all
// have arrived — and no invitation is then taken for the reply to an answer.
{
  const invited = new Set<number>();
  await tg.waitFor((call: BotApiCall) => {
    if (call.method === 'sendMessage' && call.response?.ok) {
      const chatId = (call.response.result as Message).chat.id;
      if (chatId >= FIRST_ID && chatId < FIRST_ID + DIRECTORS) invited.add(chatId);
    }
    return invited.size === DIRECTORS;
  }, 120_000);
}

/** Replies per chat: every sendMessage the bot makes, handed to whoever waits for that chat. */
const waiting = new Map<number, (message: Message) => void>();
void tg
  .waitFor((call: BotApiCall) => {
    if (call.method === 'sendMessage' && call.response?.ok) {
      const message = call.response.result as Message;
      const resolve = waiting.get(message.chat.id);
      if (resolve) {
        waiting.delete(message.chat.id);
        resolve(message);
      }
    }
    return false;
  }, 24 * 3_600_000)
  .catch(() => undefined);

const latencies: number[] = [];
/** when each measured update was sent, ms after the start of the run (same order as `latencies`) */
const sentAt: number[] = [];
let runStarted = 0;
let updates = 0;
let callbackSeq = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one update of director `id` and resolves with the bot's next message to that chat. */
async function exchange(id: number, update: Omit<Update, 'update_id'>): Promise<Message> {
  const reply = new Promise<Message>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply to ${id} within 120 s`)), 120_000);
    waiting.set(id, (message) => {
      clearTimeout(timer);
      resolve(message);
    });
  });
  const started = performance.now();
  tg.queueUpdate(update);
  const message = await reply;
  latencies.push(performance.now() - started);
  sentAt.push(started - runStarted);
  updates++;
  return message;
}

const from = (id: number) => ({ id, is_bot: false, first_name: `Директор ${id - FIRST_ID + 1}`, language_code: 'ru' });
const chat = (id: number) => ({ id, type: 'private' as const, first_name: `Директор ${id - FIRST_ID + 1}` });
const press = (id: number, message: Message, label: RegExp) => {
  const button = (message.reply_markup?.inline_keyboard ?? []).flat().find((b) => label.test(b.text));
  if (!button || !('callback_data' in button))
    throw new Error(`director ${id}: no button ${label} on «${message.text?.slice(0, 80)}»`);
  return exchange(id, {
    callback_query: {
      id: `${id}-${++callbackSeq}`,
      from: from(id),
      chat_instance: `ci${id}`,
      message: message as never,
      data: button.callback_data!,
    },
  });
};
const type = (id: number, text: string) =>
  exchange(id, {
    message: { message_id: 0, date: Math.floor(Date.now() / 1000), chat: chat(id), from: from(id), text } as never,
  });

async function director(d: number): Promise<void> {
  const id = FIRST_ID + d;
  const think = () => (THINK_MS > 0 ? sleep(THINK_MS * (0.5 + Math.random())) : Promise.resolve());
  if (WHOAMI) {
    for (let i = 0; i < ITEMS; i++) {
      await think();
      await exchange(id, {
        message: {
          message_id: 0,
          date: Math.floor(Date.now() / 1000),
          chat: chat(id),
          from: from(id),
          text: '/whoami',
          entities: [{ type: 'bot_command', offset: 0, length: 7 }],
        } as never,
      });
    }
    return;
  }
  // The invitation's «Заполнить» button (with a think time, the start is spread out too).
  await think();
  let message = await exchange(id, {
    callback_query: {
      id: `${id}-${++callbackSeq}`,
      from: from(id),
      chat_instance: `ci${id}`,
      message: { message_id: 1, date: 0, chat: chat(id), text: '…' } as never,
      data: `form:open:${campaignId}`,
    },
  });
  for (let i = 0; i < ITEMS; i++) {
    await think();
    const answer = answerOf(d, i);
    message = answer.press ? await press(id, message, answer.press) : await type(id, answer.text!);
    if (message.text?.startsWith('⚠')) throw new Error(`director ${id}, item ${i + 1}: ${message.text.slice(0, 200)}`);
  }
  await think();
  const done = await press(id, message, /^Отправить$/);
  if (!done.text?.includes('отправлена')) throw new Error(`director ${id}: not submitted: ${done.text}`);
}

function peakRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const started = performance.now();
runStarted = started;
const results = await Promise.allSettled(Array.from({ length: DIRECTORS }, (_, d) => director(d)));
const seconds = (performance.now() - started) / 1000;
const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
const rss = peakRssMb(bot.child.pid!);
await bot.stop();
await tg.close();

// ─────────────── Every answer stored? ───────────────

const app = await openApp(config);
const rows = await app.db.prisma.answer.findMany({
  where: { campaignId },
  include: { school: { select: { code: true } } },
});
const submitted = await app.db.prisma.campaignSchool.count({ where: { campaignId, status: 'submitted' } });
await app.db.close();
const stored = new Map(rows.map((row) => [`${row.school.code}:${row.itemNumber}`, row.value]));
let missing = 0;
let wrong = 0;
for (let d = 0; d < DIRECTORS; d++) {
  for (let i = 0; i < ITEMS; i++) {
    const key = `sch${900000 + d}:${Math.floor(i / 10) + 1}.${(i % 10) + 1}`;
    if (!stored.has(key)) missing++;
    else if (JSON.stringify(stored.get(key)) !== JSON.stringify(answerOf(d, i).stored)) wrong++;
  }
}
await postgres?.stop();
await rm(dir, { recursive: true, force: true });

const percentiles = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const percentile = percentiles(latencies);
// Without the first and last 10 % of the run: the directors opening their forms together and finishing.
const steady = percentiles(latencies.filter((_, i) => sentAt[i]! > seconds * 100 && sentAt[i]! < seconds * 900));
console.log(
  `\n${DIRECTORS} directors × ${ITEMS} ${WHOAMI ? '/whoami' : 'items'}, ${THINK_MS > 0 ? `think time ${THINK_MS} ms ± 50 %` : 'each answer as soon as the question arrives'}, ${POSTGRES ? 'PostgreSQL' : 'embedded PostgreSQL server'}`,
);
console.log(`updates handled   ${updates} in ${seconds.toFixed(1)} s = ${(updates / seconds).toFixed(0)} updates/s`);
console.log(
  `latency           p50 ${percentile(50).toFixed(0)} ms, p90 ${percentile(90).toFixed(0)} ms, p99 ${percentile(99).toFixed(0)} ms, max ${percentile(100).toFixed(0)} ms (update queued → next question at the Bot API server)`,
);
console.log(
  `  steady part     p50 ${steady(50).toFixed(0)} ms, p90 ${steady(90).toFixed(0)} ms, p99 ${steady(99).toFixed(0)} ms (updates sent in the middle 80 % of the run)`,
);
console.log(`bot process       peak RSS ${rss === null ? 'n/a' : `${rss.toFixed(0)} MB`}`);
if (!WHOAMI)
  console.log(
    `answers stored    ${rows.length} of ${DIRECTORS * ITEMS} expected; missing ${missing}, different from what was sent ${wrong}; forms submitted ${submitted} of ${DIRECTORS}`,
  );
if (failures.length > 0) console.log(`directors failed  ${failures.length}: ${String(failures[0]!.reason)}`);
// The reply listener's long timer would keep this process alive: leave explicitly.
process.exit((WHOAMI ? 0 : missing + wrong) + failures.length > 0 ? 1 : 0);
