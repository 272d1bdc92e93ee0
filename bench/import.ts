/**
 * npm run bench:import — a region-scale results file (1,000 schools × 3 years × 30 procedures ≈
 * 90,000 rows) imported end to end (parse → validate → compare → one transaction, written batch by batch while the rest is read) into the
 * embedded PostgreSQL server and into a throwaway Debian PostgreSQL server, each import in a fresh
 * process. Peak memory is summed over every process involved — the importing node process and
 * the server's postmaster and backends — sampled every 100 ms (RSS, and PSS which counts shared
 * buffers once). The database and its registry are created first, in a process of their own, so
 * the figures are those of an upload into an existing installation. Also times a baseline that
 * only unzips and parses the sheet XML. Prints rows/s, seconds, peak memory and the ratio to the
 * baseline. The children run with the bot's V8 and malloc settings (`npm start`). Targets (issue 8): < 6 s and < 400 MB summed; at most 3× the baseline. Asserts nothing.
 *
 * Options: --runs N (default 3: the median run's seconds, the largest memory), --schools N (default 1000).
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
  /** every run's seconds, when the phase ran more than once */
  runsSeconds?: number[];
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
): Promise<{ stdout: string; stderr: string; seconds: number; tree: TreeMemory }> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = sampleTreePeak(child.pid!, () => {
    const pid = serverPid?.();
    return pid ? [pid] : [];
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - start) / 1000;
  const tree = sampler.stop();
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
    tree: run.tree,
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
  return { ...(JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Report), tree: run.tree };
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

  // Each measured phase runs `runs` times (default 3), an import each time into a copy of the same
  // prepared installation; the table shows the median run's seconds and the largest memory of
  // any run (one baseline run alone moved the ratio by ±30 % on this shared machine).
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 3;
  const repeated = async (run: (index: number) => Promise<Report>): Promise<Report> => {
    const all: Report[] = [];
    for (let index = 0; index < runs; index++) all.push(await run(index));
    const median = [...all].sort((a, b) => a.seconds - b.seconds)[Math.floor(all.length / 2)]!;
    const worst = (pick: (report: Report) => number) => Math.max(...all.map(pick));
    return {
      ...median,
      runsSeconds: all.map((report) => report.seconds),
      peakRssMb: worst((report) => report.peakRssMb),
      tree: {
        rssMb: worst((report) => report.tree!.rssMb),
        pssMb: worst((report) => report.tree!.pssMb),
        processes: worst((report) => report.tree!.processes),
      },
    };
  };
  /** A fresh copy of a prepared installation (its server stopped) for one measured run. */
  const copyOf = (prepared: string, index: number) => {
    const copy = `${prepared}-run${index}`;
    // `cp -a`: the cluster's owner and modes as they were (the server refuses a folder it does not own)
    execFileSync('cp', ['-a', prepared, copy]);
    return copy;
  };

  const reports: Report[] = [await repeated(() => runChild('baseline', file, schools, ''))];
  const prepared: Report[] = [];
  // The embedded server: the importing process finds it stopped, starts it (so the postmaster
  // and its backends are its descendants and counted) and stops it when done, as a CLI import does.
  const embedded = join(dir, 'embedded');
  prepared.push(await runChild('prepare-embedded', file, schools, embedded));
  reports.push(await repeated((index) => runChild('embedded', file, schools, copyOf(embedded, index))));
  // the same upload through the CLI, into copies of the same prepared installation
  reports.push(await repeated((index) => runCli('cli-embed', file, copyOf(embedded, index))));
  if (findPgBin()) {
    const cluster = await startCluster();
    try {
      const pid = () => postmasterPid(cluster.dataDir);
      prepared.push(await runChild('prepare-postgres', file, schools, cluster.url, pid));
      reports.push(await runChild('postgres', file, schools, cluster.url, pid));
    } finally {
      await cluster.stop();
    }
  } else console.log('PostgreSQL не найден (/usr/lib/postgresql/*/bin): замер на сервере Debian пропущен.');
  rmSync(dir, { recursive: true, force: true });

  const baseline = reports[0]!.seconds;
  console.log(
    '\nphase      rows     seconds  rows/s   node peak  sum RSS  sum PSS  procs  × baseline  node CPU  runs (s)',
  );
  for (const report of reports) {
    console.log(
      `${report.phase.padEnd(10)} ${String(report.rows).padEnd(8)} ${report.seconds.toFixed(2).padStart(7)}  ${String(Math.round(report.rows / report.seconds)).padStart(7)}  ${report.peakRssMb.toFixed(0).padStart(6)} MB ${report.tree!.rssMb.toFixed(0).padStart(5)} MB ${report.tree!.pssMb.toFixed(0).padStart(5)} MB ${String(report.tree!.processes).padStart(5)}  ${(report.seconds / baseline).toFixed(1).padStart(5)}  ${(report.cpuSeconds ? `${report.cpuSeconds.toFixed(2)} s` : '—').padStart(8)}  ${(report.runsSeconds ?? [report.seconds]).map((seconds) => seconds.toFixed(2)).join(', ')}`,
    );
  }
  for (const report of prepared) {
    console.log(
      `(${report.phase}: creating the database and registry peaked at ${report.peakRssMb.toFixed(0)} MB in node; not part of the import)`,
    );
  }
  console.log(
    '\nembedded, postgres: the import in a process run through tsx (its loader thread and esbuild service count in the sums);',
  );
  console.log(
    'cli-embed: `kurator import results FILE --json` as a coordinator runs it, wall time from spawn to exit.',
  );
  console.log(
    `seconds: the median of ${runs} runs (postgres: one); memory: the largest of them. Options: --runs N, --schools N.`,
  );
  console.log('Targets (issue 8): < 6 s and < 400 MB summed over processes; at most 3× the baseline.');
}

await main();
