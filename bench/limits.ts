/**
 * npm run bench:limits — memory of the refusals that must not buffer what they refuse (moved here
 * from the tests, which assert only the refusal itself: test/files/xlsx/badFiles.test.ts,
 * test/delivery/webhook.test.ts).
 *
 * Prints the RSS growth of this process while
 *  1. a zip bomb (a 300 MB sheet in a file of a few hundred KB) is refused as `xlsx-zip-bomb`,
 *  2. the same with a central directory that lies about the size (inflating stops at the declared
 *     size),
 *  3. a 5 MB webhook body with the right secret is refused with 413 (the limit is 1 MB) — the
 *     real webhook server, bot and services on an embedded database in a temporary DATA_DIR.
 * Target: each under 64 MB. Asserts nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/app.ts';
import { createBot } from '../src/bot/index.ts';
import { startWebhookServer } from '../src/delivery/webhook.ts';
import { parseResultsFile } from '../src/files/xlsx/read/resultsSheet.ts';
import { createLogger } from '../src/logger.ts';
import { KNOWN_SCHOOLS, zipBomb } from '../test/fixtures/xlsx/build.ts';
import { startBotApiServer } from '../test/support/botApiServer.ts';

const MB = 1024 * 1024;
const TARGET_MB = 64;

async function rssGrowth(what: string, run: () => unknown): Promise<void> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const outcome = await run();
  const grown = (process.memoryUsage().rss - before) / MB;
  const verdict = grown < TARGET_MB ? 'met' : 'NOT met';
  console.log(`${what}: ${String(outcome)}; RSS +${grown.toFixed(1)} MB (target < ${TARGET_MB} MB: ${verdict})`);
}

const refusal = (bytes: Uint8Array) =>
  parseResultsFile(bytes, { knownSchools: KNOWN_SCHOOLS })
    .issues.map((issue) => issue.code)
    .join(', ');

const bomb = zipBomb(300);
await rssGrowth(`zip bomb, 300 MB sheet in ${(bomb.length / 1024).toFixed(0)} KB`, () => refusal(bomb));
const liar = zipBomb(300, 1000);
await rssGrowth('zip bomb whose directory lies', () => refusal(liar));

const dir = await mkdtemp(join(tmpdir(), 'kurator-bench-limits-'));
const tg = await startBotApiServer();
const app = await openApp({
  databaseUrl: undefined,
  dataDir: join(dir, 'data'),
  adminTelegramIds: [],
  inviteTtlDays: 7,
  regionName: 'Бенч',
});
const logger = createLogger('silent');
const secret = 'webhook-secret-for-bench';
const bot = createBot({ services: app.services, logger }, { token: tg.token, apiRoot: tg.apiRoot });
await bot.init();
const server = await startWebhookServer({ bot, services: app.services, logger, secret, host: '127.0.0.1', port: 0 });
try {
  const { port } = server.server.address() as { port: number };
  await rssGrowth('webhook body of 5 MB with the right secret', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: new Uint8Array(5 * MB).fill(0x20),
    }).catch((error: unknown) => error);
    return response instanceof Response ? `HTTP ${response.status}` : `connection closed (${String(response)})`;
  });
} finally {
  await server.stop(1000);
  await app.db.close();
  await tg.close();
  await rm(dir, { recursive: true, force: true });
}
