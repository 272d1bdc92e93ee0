/**
 * `npm run bench:identify` — ФИОКО identification on synthetic data (issue #4):
 * 40,000 schools × 9 procedures × 3 years (1.08 M rows); prints the time for 10k, 20k and 40k
 * schools. Target: 40k under 1 s, growing linearly. Prints figures, asserts nothing.
 */
import type { ResultRow } from '../src/domain/results/types.ts';
import {
  FIOCO_DEFAULT_PROCEDURES,
  defaultRules,
  identifyFioco,
  toCliJson,
} from '../src/domain/identification/index.ts';
import { seededRandom } from '../test/helpers/regionSample.ts';

const YEARS = ['2021/2022', '2022/2023', '2023/2024'];
const SIZES = [10_000, 20_000, 40_000];
// Garbage collection of the 1 M-row input heap lands in some runs and not others: the median of
// several runs is the figure, the fastest run shows the cost without a collection.
const RUNS = 9;

/** Rows ordered as imports arrive: year by year, procedure by procedure, school by school. */
function generate(schools: number): ResultRow[] {
  const next = seededRandom(42);
  const codes = Array.from({ length: schools }, (_, i) => `sch${String(100000 + i)}`);
  const rows: ResultRow[] = [];
  for (const year of YEARS) {
    for (const spec of FIOCO_DEFAULT_PROCEDURES) {
      for (const schoolCode of codes) {
        const participants = 5 + Math.floor(next() * 116);
        // skewed failure rate: most results have few failures, ≈ 4 % reach 30 %
        const rate = next() ** 8 * 0.42;
        rows.push({
          schoolCode,
          year,
          procedure: { kind: spec.kind, subject: spec.subjects[0]!, grade: spec.grade },
          participants,
          failed: Math.min(participants, Math.round(participants * rate)),
        });
      }
    }
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const generatedAt = performance.now();
const all = generate(SIZES[SIZES.length - 1]!);
const datasets = SIZES.map((size) => {
  const limit = `sch${String(100000 + size)}`;
  return { size, rows: size === SIZES[SIZES.length - 1] ? all : all.filter((row) => row.schoolCode < limit) };
});
console.log(
  `generated ${all.length.toLocaleString('en')} rows in ${(performance.now() - generatedAt).toFixed(0)} ms; RSS ${mb(process.memoryUsage().rss)}`,
);

const rules = defaultRules().fioco;
identifyFioco(datasets[0]!.rows, rules); // warm-up (JIT)

console.log(`\nidentifyFioco, default rules, L found in the data; ${RUNS} runs`);
console.log('schools     rows        median    fastest   median per 10k schools   flagged');
let baseline = 0;
for (const { size, rows } of datasets) {
  const times: number[] = [];
  let flagged = 0;
  let incomplete = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = identifyFioco(rows, rules);
    times.push(performance.now() - started);
    flagged = result.verdicts.filter((verdict) => verdict.flagged).length;
    incomplete = result.verdicts.filter((verdict) => verdict.status === 'incomplete').length;
  }
  const time = median(times);
  if (baseline === 0) baseline = time / size;
  console.log(
    `${String(size).padEnd(11)} ${rows.length.toLocaleString('en').padEnd(11)} ${`${time.toFixed(0)} ms`.padEnd(9)} ` +
      `${`${Math.min(...times).toFixed(0)} ms`.padEnd(9)} ${`${((time / size) * 10_000).toFixed(0)} ms`.padEnd(7)}` +
      `${`(×${(time / size / baseline).toFixed(2)} of linear)`.padEnd(18)} ${flagged} (+${incomplete} incomplete)`,
  );
}

const largest = datasets[datasets.length - 1]!;
const result = identifyFioco(largest.rows, rules);
const names = new Map<string, string>();
for (const verdict of result.verdicts) names.set(verdict.schoolCode, `МБОУ СОШ ${verdict.schoolCode}`);
const jsonStarted = performance.now();
const json = JSON.stringify(toCliJson(result, names));
console.log(
  `\ntoCliJson + JSON.stringify for ${largest.size} schools: ${(performance.now() - jsonStarted).toFixed(0)} ms, ${mb(json.length)}`,
);
console.log(`RSS ${mb(process.memoryUsage().rss)}, heap used ${mb(process.memoryUsage().heapUsed)}`);
