/**
 * npm run bench:import — a region-scale results file (1,000 schools × 3 years × 30 procedures ≈
 * 90,000 rows) imported end to end (parse → validate → compare → one transaction, written batch
 * by batch while the rest is read) into the embedded PostgreSQL server, through the CLI, and into
 * a throwaway Debian PostgreSQL server, each import in a fresh process into a copy of one
 * prepared installation (database and registry created first, not timed). Also times a baseline
 * that only unzips and parses the sheet XML. The phases run in rounds, baseline first, and each
 * ratio is taken within its round. Peak memory, in one more run per phase, is summed over every
 * process involved — the importing node process and the server's postmaster and backends —
 * sampled every 100 ms (RSS, and PSS which counts shared buffers once). The children run with the
 * bot's V8 and malloc settings (`npm start`). Targets (issue 8): < 6 s and < 400 MB summed; at
 * most 3× the baseline. Asserts nothing.
 *
 * Options: --runs N (rounds, default 3: the median seconds and the median ratio), --schools N (default 1000).
 */
import '../src/v8Flags.ts'; // the program's V8 settings, in the measured children too
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseTarget } from '../src/db/client.ts';
import { generateRegionResults, sampleSchools } from '../test/helpers/regionSample.ts';
import { createServices, CLI_ACTOR } from '../src/services/index.ts';
import { baselineParse } from './lib/baselineParse.ts';
import { findPgBin, startCluster } from '../test/support/pgCluster.mjs';
import { sampleTreePeak, type TreeMemory } from './support/processTree.ts';

interface Report {
  phase: string;
  rows: number;
  seconds: number;
  peakRssMb: number;
  /** CPU time of the node process (user + system), where measured */
  cpuSeconds?: number;
  /** Summed over the importing process and the database server's processes. */
  tree?: TreeMemory;
  /** every timed run's seconds, when the phase ran more than once */
  runsSeconds?: number[];
  /** seconds of the run that sampled memory (slowed by the sampling) */
  memorySeconds?: number;
}

const SELF = fileURLToPath(import.meta.url);
const TSX = import.meta.resolve('tsx');

async function child(phase: string, file: string, schools: number, target: string): Promise<Report> {
  const bytes = new Uint8Array(readFileSync(file));
  if (phase === 'baseline') {
    const start = performance.now();
    const rows = baselineParse(bytes);
    return {
      phase,
      rows,
      seconds: (performance.now() - start) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  }
  const dbTarget: DatabaseTarget = target.startsWith('postgres')
    ? { kind: 'postgres', url: target }
    : { kind: 'embedded', dataDir: target };
  const db = await openDatabase(dbTarget, phase.startsWith('prepare') ? { migrate: true } : { requireUpToDate: true });
  const services = createServices({
    prisma: db.prisma,
    now: () => new Date(),
    settings: { adminTelegramIds: [], inviteTtlDays: 7, regionName: 'Бенчмарк' },
  });
  if (phase.startsWith('prepare')) {
    // An installation with its registry, as a coordinator's upload finds it; not timed.
    const region = await db.prisma.region.create({ data: { name: 'Бенчмарк' } });
    const registry = sampleSchools(schools);
    const municipalities = new Map<string, number>();
    for (const name of new Set(registry.map((school) => school.municipality))) {
      municipalities.set(name, (await db.prisma.municipality.create({ data: { regionId: region.id, name } })).id);
    }
    await db.prisma.school.createMany({
      data: registry.map((school) => ({
        code: school.code,
        municipalityId: municipalities.get(school.municipality)!,
        fullName: school.name,
        shortName: school.name,
        type: 'СОШ',
        settlement: 'п. Бенчмарк',
        rural: false,
      })),
    });
    await db.close();
    return { phase, rows: 0, seconds: 0, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  }
  const start = performance.now();
  const outcome = await services.results.importFile(CLI_ACTOR, bytes, {
    fileName: 'region.xlsx',
    // as the bot and the CLI read a big file: in a worker, written batch by batch meanwhile
    offThread: process.env.BENCH_INLINE !== '1',
  });
  const seconds = (performance.now() - start) / 1000;
  if (!outcome.ok) throw new Error(`import failed: ${outcome.issues.length} issues`);
  const stored = await db.prisma.assessmentResult.count();
  await db.close();
  if (stored !== outcome.summary.rows) throw new Error(`stored ${stored} of ${outcome.summary.rows} rows`);
  return { phase, rows: stored, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Whether `measured` samples memory (the memory run) or only times (the timed runs). */
let sampling = true;

const KURATOR = fileURLToPath(new URL('../bin/kurator.js', import.meta.url));
const REPORT_RSS = fileURLToPath(new URL('./support/reportRss.mjs', import.meta.url));

/**
 * Runs `args` in a fresh node process, sampling the summed memory of its tree (plus a server that
 * is not its own, `serverPid`) until it exits.
 */
async function measured(
  phase: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  serverPid?: () => number | undefined,
): Promise<{ stdout: string; stderr: string; seconds: number; tree: TreeMemory | undefined }> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Reading every process's smaps_rollup takes ~10-20 ms of CPU per sample here, on a 2-core
  // machine where the import keeps both cores busy: timed runs are not sampled (see `repeated`).
  const sampler = sampling
    ? sampleTreePeak(child.pid!, () => {
        const pid = serverPid?.();
        return pid ? [pid] : [];
      })
    : undefined;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - start) / 1000;
  const tree = sampler?.stop();
  if (code !== 0) throw new Error(`${phase} failed (${code}):\n${stderr}${stdout.slice(0, 2000)}`);
  return { stdout, stderr, seconds, tree };
}

/**
 * The import as a coordinator runs it: `kurator import results FILE` (the compiled CLI, no tsx
 * loader or esbuild process in the tree). Wall time from spawn to exit, start-up included.
 */
async function runCli(phase: string, file: string, target: string): Promise<Report> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_OPTIONS: '',
    LOG_LEVEL: 'warn',
    ...(target.startsWith('postgres') ? { DATABASE_URL: target } : { DATABASE_URL: '', DATA_DIR: target }),
  };
  const run = await measured(phase, ['--import', REPORT_RSS, KURATOR, 'import', 'results', file, '--json'], env);
  const outcome = JSON.parse(run.stdout) as { ok: boolean; summary: { rows: number } };
  if (!outcome.ok) throw new Error(`${phase}: the import was refused`);
  const nodePeakKb = Number(/KURATOR_BENCH_MAXRSS (\d+)/.exec(run.stderr)?.[1] ?? 0);
  const cpuSeconds = Number(/KURATOR_BENCH_CPU (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1000;
  return {
    phase,
    rows: outcome.summary.rows,
    seconds: run.seconds,
    cpuSeconds,
    peakRssMb: nodePeakKb / 1024,
    ...(run.tree ? { tree: run.tree } : {}),
  };
}

/** Runs one phase in a fresh process; `serverPid` adds a server that is not the child's own. */
async function runChild(
  phase: string,
  file: string,
  schools: number,
  target: string,
  serverPid?: () => number | undefined,
): Promise<Report> {
  // The bot's V8 and malloc settings (`npm start`): a coordinator's upload is imported in the bot.
  const args = ['--max-semi-space-size=4', '--import', TSX, SELF, '--child', phase, file, String(schools), target];
  const run = await measured(phase, args, { ...process.env, MALLOC_ARENA_MAX: '2' }, serverPid);
  return { ...(JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Report), ...(run.tree ? { tree: run.tree } : {}) };
}

function postmasterPid(pgdata: string): number | undefined {
  try {
    return Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, phase, file, schools, target] = args;
    process.stdout.write(`${JSON.stringify(await child(phase!, file!, Number(schools), target!))}\n`);
    return;
  }
  const schoolsArg = args.indexOf('--schools');
  const schools = schoolsArg >= 0 ? Number(args[schoolsArg + 1]) : 1000;
  const dir = mkdtempSync(join(tmpdir(), 'kurator-bench-import-'));
  const file = join(dir, 'region.xlsx');
  const sample = generateRegionResults({ schools });
  writeFileSync(file, sample.bytes);
  console.log(`Файл: ${sample.rows} строк, ${(sample.bytes.byteLength / 1048576).toFixed(1)} МБ, ${schools} школ`);

  // Rounds: each round times every phase once, the baseline first, with no memory sampling (it
  // would take the import's CPU); each phase's ratio is taken within its round, so a machine
  // that speeds up or slows down between minutes (this shared one does, by ±30 %) moves both
  // sides of it. Then one more run per phase samples the memory of every process.
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 3;
  /** A fresh copy of a prepared installation (its server stopped) for one measured run. */
  let copies = 0;
  const copyOf = (prepared: string) => {
    const copy = `${prepared}-run${++copies}`;
    // `cp -a`: the cluster's owner and modes as they were (the server refuses a folder it does not own)
    execFileSync('cp', ['-a', prepared, copy]);
    return copy;
  };
  const prepared: Report[] = [];
  // The embedded server: the importing process finds it stopped, starts it (so the postmaster
  // and its backends are its descendants and counted) and stops it when done, as a CLI import does.
  const embedded = join(dir, 'embedded');
  prepared.push(await runChild('prepare-embedded', file, schools, embedded));
  const withPostgres = findPgBin() !== undefined;
  /** A fresh Debian server for each run (the same file twice would change nothing); set-up not timed. */
  const onPostgres = async (): Promise<Report> => {
    const cluster = await startCluster();
    try {
      const pid = () => postmasterPid(cluster.dataDir);
      const measuring = sampling;
      sampling = false;
      const prepare = await runChild('prepare-postgres', file, schools, cluster.url, pid);
      if (prepared.length < 2) prepared.push(prepare);
      sampling = measuring;
      return await runChild('postgres', file, schools, cluster.url, pid);
    } finally {
      await cluster.stop();
    }
  };
  const phases: [string, () => Promise<Report>][] = [
    ['baseline', () => runChild('baseline', file, schools, '')],
    ['embedded', () => runChild('embedded', file, schools, copyOf(embedded))],
    // the same upload through the CLI, into copies of the same prepared installation
    ['cli-embed', () => runCli('cli-embed', file, copyOf(embedded))],
    ...(withPostgres ? [['postgres', onPostgres] as [string, () => Promise<Report>]] : []),
  ];
  const timed = new Map<string, Report[]>(phases.map(([phase]) => [phase, []]));
  sampling = false;
  for (let round = 0; round < runs; round++) for (const [phase, run] of phases) timed.get(phase)!.push(await run());
  sampling = true;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const baselines = timed.get('baseline')!.map((report) => report.seconds);
  const reports: (Report & { ratios: number[] })[] = [];
  for (const [phase, run] of phases) {
    const runsOf = timed.get(phase)!;
    const memory = await run();
    const seconds = runsOf.map((report) => report.seconds);
    const ratios = seconds.map((value, round) => value / baselines[round]!);
    reports.push({
      ...runsOf.find((report) => report.seconds === median(seconds))!,
      runsSeconds: seconds,
      ratios,
      memorySeconds: memory.seconds,
      peakRssMb: Math.max(...[...runsOf, memory].map((report) => report.peakRssMb)),
      tree: memory.tree,
    });
  }
  if (!withPostgres) console.log('PostgreSQL не найден (/usr/lib/postgresql/*/bin): замер на сервере Debian пропущен.');
  rmSync(dir, { recursive: true, force: true });

  console.log(
    '\nphase      rows     seconds  rows/s   node peak  sum RSS  sum PSS  procs  × baseline  node CPU  runs (s)         × per round',
  );
  for (const report of reports) {
    console.log(
      `${report.phase.padEnd(10)} ${String(report.rows).padEnd(8)} ${report.seconds.toFixed(2).padStart(7)}  ${String(Math.round(report.rows / report.seconds)).padStart(7)}  ${report.peakRssMb.toFixed(0).padStart(6)} MB ${report.tree!.rssMb.toFixed(0).padStart(5)} MB ${report.tree!.pssMb.toFixed(0).padStart(5)} MB ${String(report.tree!.processes).padStart(5)}  ${median(report.ratios).toFixed(1).padStart(5)}  ${(report.cpuSeconds ? `${report.cpuSeconds.toFixed(2)} s` : '—').padStart(8)}  ${report
        .runsSeconds!.map((value) => value.toFixed(2))
        .join(', ')
        .padEnd(16)} ${report.ratios.map((ratio) => ratio.toFixed(2)).join(', ')}`,
    );
  }
  for (const report of prepared) {
    console.log(
      `(${report.phase}: creating the database and registry peaked at ${report.peakRssMb.toFixed(0)} MB in node; not part of the import)`,
    );
  }
  console.log(
    '\nembedded, postgres: the import in a process run through tsx (its loader thread and esbuild service count in the sums),',
  );
  console.log(
    "with the bot's V8 and malloc settings; postgres: a throwaway Debian server (fsync off, as in the tests).",
  );
  console.log(
    'cli-embed: `kurator import results FILE --json` as a coordinator runs it, wall time from spawn to exit.',
  );
  console.log(
    `seconds: the median of ${runs} rounds; × baseline: the median of the rounds' ratios (each phase over the baseline of its round).`,
  );
  console.log(
    `memory: one more run per phase, sampling every process every 100 ms, which costs the import CPU (that run's seconds: ${reports
      .slice(1)
      .map((report) => `${report.phase} ${report.memorySeconds?.toFixed(2)}`)
      .join(', ')}). Options: --runs N, --schools N.`,
  );
  console.log('Targets (issue 8): < 6 s and < 400 MB summed over processes; at most 3× the baseline.');
}

await main();
