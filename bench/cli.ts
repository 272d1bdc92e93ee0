/**
 * npm run bench:cli — the bot on the embedded database (issue 8):
 * 1. the bot's idle memory after start, summed over every process it runs (npm, node,
 *    PostgreSQL's postmaster and backends): RSS and PSS;
 * 2. `kurator users` (bin/kurator.js, as a person types it) with the bot running: wall time and
 *    peak RSS, as a ratio to `node -e 0` measured in the same run.
 * The bot talks to the project's fake Bot API server (test/support). Prints figures; asserts
 * nothing. Targets: CLI ≤ 15× `node -e 0`; bot idle ≤ 250 MB summed.
 *
 * Options: --runs N (default 5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBotApiServer } from '../test/support/botApiServer.ts';
import { startBotProcess } from '../test/helpers/botProcess.ts';
import { memoryOf, processTree } from './support/processTree.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT_RSS = fileURLToPath(new URL('./support/reportRss.mjs', import.meta.url));
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timed(args: string[], env: NodeJS.ProcessEnv, cwd: string): { ms: number; maxRssMb: number; out: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', REPORT_RSS, ...args], { cwd, env, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const kb = Number(/KURATOR_BENCH_MAXRSS (\d+)/.exec(result.stderr)?.[1] ?? 0);
  return { ms, maxRssMb: kb / 1024, out: result.stdout };
}

const dir = mkdtempSync(join(tmpdir(), 'kurator-bench-cli-'));
const dataDir = join(dir, 'data');
const tg = await startBotApiServer();
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_OPTIONS: '',
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  LOG_LEVEL: 'warn',
  BOT_TOKEN: tg.token,
  TELEGRAM_API_ROOT: tg.apiRoot,
};

// `npm start` exactly as the README says: npm → node → the embedded PostgreSQL.
const bootStarted = performance.now();
// Its own process group, so a failed run can clean up everything; the stop signals npm alone
// (npm passes it on to the bot, which `npm start` execs).
const bot = startBotProcess(env, { tg, launch: 'npm', stdio: 'inherit' });
try {
  await bot.polling(180_000);
  const bootSeconds = (performance.now() - bootStarted) / 1000;
  // Idle: after start-up's extra pooled connections have timed out (pg's idleTimeoutMillis, 10 s).
  await new Promise((resolve) => setTimeout(resolve, 12_000));
  const tree = processTree(bot.child.pid!);
  const idle = memoryOf(tree);
  const byProgram = new Map<string, number[]>();
  for (const pid of tree) {
    const command = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
    const program = command.startsWith('npm') ? 'npm' : command.startsWith('node') ? 'node' : 'postgres';
    byProgram.set(program, [...(byProgram.get(program) ?? []), pid]);
  }
  const breakdown = [...byProgram]
    .map(([program, pids]) => {
      const memory = memoryOf(pids);
      return `${program} ×${memory.processes}: RSS ${memory.rssMb.toFixed(0)}, PSS ${memory.pssMb.toFixed(0)}`;
    })
    .join('; ');

  const floor: number[] = [];
  const cli: { ms: number; maxRssMb: number }[] = [];
  const cliEnv = { ...env, BOT_TOKEN: '' };
  for (let run = 0; run < RUNS; run++) {
    floor.push(timed(['-e', '0'], cliEnv, dir).ms);
    const users = timed([join(ROOT, 'bin/kurator.js'), 'users'], cliEnv, dir);
    if (!/Пользователей нет/.test(users.out)) throw new Error(`unexpected output: ${users.out}`);
    cli.push(users);
  }
  const floorMs = median(floor);
  const cliMs = median(cli.map((run) => run.ms));
  const cliRss = median(cli.map((run) => run.maxRssMb));

  console.log(`\nБот (npm start, встроенный PostgreSQL): запуск до первого getUpdates ${bootSeconds.toFixed(1)} с`);
  console.log(
    `  в покое: ${idle.processes} процессов, RSS ${idle.rssMb.toFixed(0)} МБ, PSS ${idle.pssMb.toFixed(0)} МБ (цель ≤ 250 МБ)`,
  );
  console.log(`  по программам (МБ): ${breakdown}`);
  console.log(`\nkurator users при работающем боте, медиана из ${RUNS}:`);
  console.log(`  node -e 0          ${floorMs.toFixed(0).padStart(6)} мс`);
  console.log(
    `  kurator users      ${cliMs.toFixed(0).padStart(6)} мс  ${(cliMs / floorMs).toFixed(1)}× (цель ≤ 15×), пик RSS ${cliRss.toFixed(0)} МБ`,
  );
} finally {
  const code = await bot.stop().catch((error: unknown) => String(error));
  if (code !== 0) console.log(`npm start did not stop cleanly on SIGTERM: ${code}`);
  // the bot stops its server on the way out: wait for it before removing the folder
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await tg.close();
  rmSync(dir, { recursive: true, force: true });
}
