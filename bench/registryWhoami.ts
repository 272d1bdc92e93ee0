/**
 * npm run bench:registry-whoami — how long another person's /whoami waits while a region-sized
 * registry (199,999 schools, the most the reader takes; --rows N) is uploaded and imported. `src/main.ts` runs as its own
 * process against a local Bot API server with the embedded database in a temporary DATA_DIR;
 * one administrator sends the .xlsx while another sends /whoami every 250 ms. Latency = update
 * queued at the server → the bot's reply. Prints the floor (/whoami with nothing else going on),
 * p50/p95/max during the import, the ratio of max to the floor, the import's duration and
 * result. Target (issue 9): under 1 s. Asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildXlsx } from '../test/helpers/rawXlsxWriter.ts';
import { SCHOOL_COLUMNS } from '../src/files/xlsx/read/schoolsSheet.ts';
import { startBotApiServer } from '../test/support/botApiServer.ts';
import { command, documentMessage, user } from '../test/support/updates.ts';
import { sleep, startBotProcess } from '../test/helpers/botProcess.ts';

const rowsArg = process.argv.indexOf('--rows');
// 199,999 schools and the header row: the reader's cap is 200,000 rows (safeWorkbook.ts maxRows);
// one more and the file is refused before anything is written, which measures nothing.
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 199_999;
const uploader = user(1000, 'Загружающий');
const asker = user(1001, 'Спрашивающий');

function registry(rows: number): Uint8Array {
  const header = Object.values(SCHOOL_COLUMNS);
  function* data() {
    yield header;
    for (let i = 0; i < rows; i++)
      yield [
        `Район ${1 + Math.floor(i / 2000)}`,
        `sch${String(100_001 + i)}`,
        `Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № ${i + 1}»`,
        `СОШ № ${i + 1}`,
        'СОШ',
        `с. Населённый пункт ${1 + (i % 997)}`,
        i % 3 === 0 ? 'да' : 'нет',
      ];
  }
  return buildXlsx([{ name: 'Реестр', rows: data() }]);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function main() {
  const started = performance.now();
  const bytes = registry(ROWS);
  console.log(
    `registry: ${ROWS} rows, ${(bytes.byteLength / 1048576).toFixed(1)} MB, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const tg = await startBotApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'kurator-bench-registry-'));
  const bot = startBotProcess(
    { DATA_DIR: join(dir, 'data'), ADMIN_TELEGRAM_IDS: `${uploader.id},${asker.id}`, LOG_LEVEL: 'warn' },
    { tg, cwd: dir },
  );
  try {
    await bot.polling(120_000);
    const whoami = async (): Promise<number> => {
      const sent = performance.now();
      const update = tg.queueUpdate(command(asker, '/whoami'));
      const after = tg.calls.at(-1)?.seq ?? 0;
      await tg.waitFor(
        (call) => call.seq > after && call.method === 'sendMessage' && call.payload.chat_id === asker.id,
        120_000,
      );
      void update;
      return performance.now() - sent;
    };
    const floor: number[] = [];
    for (let i = 0; i < 10; i++) {
      floor.push(await whoami());
      await sleep(100);
    }
    const file = tg.registerFile(bytes, { fileName: 'registry.xlsx' });
    const uploadStarted = performance.now();
    const seqBefore = tg.calls.at(-1)?.seq ?? 0;
    tg.queueUpdate(documentMessage(uploader, file));
    let done = false;
    const finished = tg
      .waitFor(
        (call) =>
          call.seq > seqBefore &&
          call.method === 'sendMessage' &&
          call.payload.chat_id === uploader.id &&
          /Реестр|реестр/.test(String(call.payload.text)) &&
          !/Читаю/.test(String(call.payload.text)),
        1_800_000,
      )
      .then((call) => {
        done = true;
        return call;
      });
    const during: number[] = [];
    while (!done) {
      during.push(await whoami());
      await sleep(250);
    }
    const result = await finished;
    const importSeconds = (performance.now() - uploadStarted) / 1000;
    const floorP50 = percentile(floor, 50);
    console.log(`floor: /whoami p50 ${floorP50.toFixed(0)} ms (10 requests, nothing else running)`);
    console.log(
      `during the import (${during.length} requests): p50 ${percentile(during, 50).toFixed(0)} ms, p95 ${percentile(during, 95).toFixed(0)} ms, max ${Math.max(...during).toFixed(0)} ms (${(Math.max(...during) / floorP50).toFixed(1)}× the floor); target < 1000 ms`,
    );
    const reply = String(result.payload.text).split('\n')[0] ?? '';
    const imported = /обновлён/.test(reply);
    console.log(
      `import: ${importSeconds.toFixed(1)} s, ${imported ? 'written' : 'NOT WRITTEN (the figures above measure a refusal)'}; reply: ${reply}`,
    );
    console.log(`worst /whoami during the import: ${Math.max(...during).toFixed(0)} ms (target < 1000 ms)`);
  } finally {
    await bot.stop();
    await tg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
