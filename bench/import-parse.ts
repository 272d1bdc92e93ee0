/**
 * npm run bench:import-parse — the parse part of the import benchmark (issue #3).
 *
 * Generates a region-scale results file (1,000 schools × 3 years × 30 procedures = 90,000 rows,
 * `generateRegionResults`), then measures, each run in a fresh process (cold, as a real upload
 * is, and with its own peak RSS), three runs per phase:
 *  1. baseline: only unzip (fflate `unzipSync`) and parse the sheet XML into cell values
 *     (`baselineParse`: regular expressions, shared strings resolved, numbers parsed);
 *  2. full: `parseResultsFile`: safe open, header detection, typed cells, row validation
 *     against the registry, duplicate check;
 *  3. end to end: generate + full parse in one process, as `bench:import` will do before its
 *     database part.
 * Prints seconds (median and best of three), rows/s, the highest peak RSS and the full/baseline
 * ratio. Peak RSS includes node + tsx themselves (about 80 MB).
 * Targets: end to end < 10 s and < 400 MB RSS, full within 3× the baseline. Asserts nothing.
 *
 * Options: --schools N (default 1000).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineParse } from './lib/baselineParse.ts';
import { generateRegionResults, sampleSchools } from '../test/helpers/regionSample.ts';
import { parseResultsFile } from '../src/files/xlsx/read/resultsSheet.ts';

const RUNS = 3;

interface RunReport {
  rows: number;
  seconds: number;
  peakRssMb: number;
  errors?: number;
}

function runOnce(phase: string, file: string, schools: number): RunReport {
  const start = performance.now();
  let rows: number;
  let errors: number | undefined;
  if (phase === 'end-to-end') {
    const sample = generateRegionResults({ schools });
    const parsed = parseResultsFile(sample.bytes, { knownSchools: sample.knownSchools });
    rows = parsed.rows.length;
    errors = parsed.stats.errors;
  } else {
    const bytes = new Uint8Array(readFileSync(file));
    if (phase === 'baseline') rows = baselineParse(bytes);
    else {
      const knownSchools = new Map(sampleSchools(schools).map((school) => [school.code, school.name]));
      const parsed = parseResultsFile(bytes, { knownSchools });
      rows = parsed.rows.length;
      errors = parsed.stats.errors;
    }
  }
  return {
    rows,
    seconds: (performance.now() - start) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    errors,
  };
}

interface PhaseReport {
  rows: number;
  medianSeconds: number;
  bestSeconds: number;
  peakRssMb: number;
  errors?: number;
}

function runPhase(phase: string, file: string, schools: number): PhaseReport {
  const runs: RunReport[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--phase', phase, file, String(schools)],
      {
        encoding: 'utf8',
        maxBuffer: 1024 * 1024,
      },
    );
    if (result.status !== 0) throw new Error(`phase ${phase} failed: ${result.stderr}`);
    runs.push(JSON.parse(result.stdout.trim().split('\n').pop()!) as RunReport);
  }
  const seconds = runs.map((run) => run.seconds).sort((a, b) => a - b);
  return {
    rows: runs[0]!.rows,
    medianSeconds: seconds[Math.floor(RUNS / 2)]!,
    bestSeconds: seconds[0]!,
    peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
    errors: runs[0]!.errors,
  };
}

const args = process.argv.slice(2);
if (args[0] === '--phase') {
  console.log(JSON.stringify(runOnce(args[1]!, args[2]!, Number(args[3]))));
} else {
  const schoolsArg = args.indexOf('--schools');
  const schools = schoolsArg >= 0 ? Number(args[schoolsArg + 1]) : 1000;
  const dir = mkdtempSync(join(tmpdir(), 'kurator-bench-'));
  try {
    const file = join(dir, 'region-results.xlsx');
    const start = performance.now();
    const sample = generateRegionResults({ schools });
    writeFileSync(file, sample.bytes);
    console.log(
      `file: ${sample.rows} rows (${schools} schools × 3 years × 30 procedures), ${(sample.bytes.length / 1024 / 1024).toFixed(1)} MB, generated in ${((performance.now() - start) / 1000).toFixed(2)} s`,
    );
    const baseline = runPhase('baseline', file, schools);
    const full = runPhase('full', file, schools);
    const endToEnd = runPhase('end-to-end', file, schools);
    const line = (label: string, report: PhaseReport) =>
      `${label.padEnd(32)} median ${report.medianSeconds.toFixed(2)} s  best ${report.bestSeconds.toFixed(2)} s  ${Math.round(
        report.rows / report.medianSeconds,
      )
        .toLocaleString('en-US')
        .padStart(8)} rows/s  peak RSS ${report.peakRssMb.toFixed(0)} MB`;
    console.log(line('baseline (unzip + XML → cells)', baseline));
    console.log(`${line('full (parseResultsFile)', full)}  errors: ${full.errors}`);
    console.log(line('end to end (generate + full)', endToEnd));
    console.log(
      `ratio full / baseline: median ${(full.medianSeconds / baseline.medianSeconds).toFixed(2)}×, best ${(full.bestSeconds / baseline.bestSeconds).toFixed(2)}× (target ≤ 3×)`,
    );
    console.log(
      `end to end: median ${endToEnd.medianSeconds.toFixed(2)} s (target < 10 s), peak RSS ${endToEnd.peakRssMb.toFixed(0)} MB (target < 400 MB)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
