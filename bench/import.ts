/**
 * npm run bench:import — a region-scale results file (1,000 schools × 3 years × 30 procedures ≈
 * 90,000 rows) imported end to end (parse → validate → compare → one transaction) into the
 * embedded database and into a throwaway PostgreSQL server, each in a fresh process so its peak
 * RSS is its own. The database and its registry are created first, in a process of their own (a
 * fresh PGlite's initdb alone peaks near 800 MB), so the figures are those of an upload into an
 * existing installation. Also times a baseline that only unzips and parses the sheet XML.
 * Prints rows/s, seconds, peak RSS and the ratio to the baseline. Targets (this 2-core machine):
 * under 10 s and 400 MB end to end, at most 3× the baseline. Asserts nothing.
 *
 * Options: --schools N (default 1000).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseTarget } from '../src/db/client.ts';
import { generateRegionResults, sampleSchools } from '../src/files/xlsx/regionSample.ts';
import { createServices, CLI_ACTOR } from '../src/services/index.ts';
import { baselineParse } from '../src/files/xlsx/baselineParse.ts';
import { findPgBin, startCluster } from '../test/support/pgCluster.mjs';

interface Report {
  phase: string;
  rows: number;
  seconds: number;
  peakRssMb: number;
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
  const db = await openDatabase(dbTarget, { migrate: phase.startsWith('prepare') });
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
    offThread: process.env.BENCH_OFF_THREAD === '1',
  });
  const seconds = (performance.now() - start) / 1000;
  if (!outcome.ok) throw new Error(`import failed: ${outcome.issues.length} issues`);
  const stored = await db.prisma.assessmentResult.count();
  await db.close();
  if (stored !== outcome.summary.rows) throw new Error(`stored ${stored} of ${outcome.summary.rows} rows`);
  return { phase, rows: stored, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function runChild(phase: string, file: string, schools: number, target: string): Report {
  const result = spawnSync(process.execPath, ['--import', TSX, SELF, '--child', phase, file, String(schools), target], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${phase} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Report;
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

  const reports: Report[] = [runChild('baseline', file, schools, '')];
  const prepared: Report[] = [];
  prepared.push(runChild('prepare-pglite', file, schools, join(dir, 'pglite')));
  reports.push(runChild('pglite', file, schools, join(dir, 'pglite')));
  if (findPgBin()) {
    const cluster = await startCluster();
    try {
      prepared.push(runChild('prepare-postgres', file, schools, cluster.url));
      reports.push(runChild('postgres', file, schools, cluster.url));
    } finally {
      await cluster.stop();
    }
  } else console.log('PostgreSQL не найден (/usr/lib/postgresql/*/bin): замер на сервере пропущен.');
  rmSync(dir, { recursive: true, force: true });

  const baseline = reports[0]!.seconds;
  console.log('\nphase      rows     seconds  rows/s    peak RSS  × baseline');
  for (const report of reports) {
    console.log(
      `${report.phase.padEnd(10)} ${String(report.rows).padEnd(8)} ${report.seconds.toFixed(2).padStart(7)}  ${String(Math.round(report.rows / report.seconds)).padStart(7)}  ${report.peakRssMb.toFixed(0).padStart(6)} MB  ${(report.seconds / baseline).toFixed(1).padStart(5)}`,
    );
  }
  for (const report of prepared) {
    console.log(
      `(${report.phase}: creating the database and registry peaked at ${report.peakRssMb.toFixed(0)} MB; not part of the import)`,
    );
  }
  console.log('\nTargets: end to end < 10 s and < 400 MB peak RSS; at most 3× the baseline.');
}

await main();
