/**
 * A region-scale results file for benchmarks (`npm run bench:import-parse`, and the database
 * part of `bench:import`): by default 1,000 schools × 3 academic years × 30 procedures ≈ 90,000
 * rows in the template's layout, with plausible, internally consistent numbers (marks add up to
 * the participants, «2» equals «Не справились»). Deterministic for a given seed.
 */
import type { Procedure } from '../../src/domain/results/types.ts';
import { buildXlsx, type RawCell } from './rawXlsxWriter.ts';
import { RESULT_COLUMNS } from '../../src/files/xlsx/read/resultsSheet.ts';

/** 30 procedures a school may sit in one year. */
const SAMPLE_PROCEDURES: readonly Procedure[] = [
  ...[4, 5, 6, 7, 8].map((grade) => ({ kind: 'VPR' as const, subject: 'Русский язык', grade })),
  ...[4, 5, 6, 7, 8].map((grade) => ({ kind: 'VPR' as const, subject: 'Математика', grade })),
  { kind: 'VPR', subject: 'Окружающий мир', grade: 4 },
  ...[5, 6, 7].map((grade) => ({ kind: 'VPR' as const, subject: 'История', grade })),
  ...[5, 6, 7].map((grade) => ({ kind: 'VPR' as const, subject: 'Биология', grade })),
  ...[6, 7].map((grade) => ({ kind: 'VPR' as const, subject: 'География', grade })),
  ...[6, 7].map((grade) => ({ kind: 'VPR' as const, subject: 'Обществознание', grade })),
  ...['Русский язык', 'Математика', 'Обществознание', 'Информатика'].map((subject) => ({
    kind: 'OGE' as const,
    subject,
    grade: 9,
  })),
  ...['Русский язык', 'Математика (базовая)', 'Математика (профильная)', 'Обществознание', 'Биология'].map(
    (subject) => ({ kind: 'EGE' as const, subject, grade: 11 }),
  ),
];

export interface RegionSampleOptions {
  schools?: number;
  /** academic years, e.g. ['2021/2022', '2022/2023', '2023/2024'] */
  years?: readonly string[];
  seed?: number;
}

export interface SampleSchool {
  code: string;
  name: string;
  municipality: string;
}

export interface RegionSample {
  bytes: Uint8Array;
  schools: SampleSchool[];
  /** the registry as the parser wants it */
  knownSchools: Map<string, string>;
  rows: number;
}

const KIND_LABEL = { VPR: 'ВПР', OGE: 'ОГЭ', EGE: 'ЕГЭ' } as const;

/** Small deterministic PRNG (mulberry32), so every run measures the same data (benchmarks reuse it). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleSchools(count: number): SampleSchool[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `sch${String(100001 + i)}`,
    name: `МБОУ «Средняя общеобразовательная школа № ${i + 1}»`,
    municipality: `Район ${1 + Math.floor(i / 40)}`,
  }));
}

export function generateRegionResults(options: RegionSampleOptions = {}): RegionSample {
  const schools = sampleSchools(options.schools ?? 1000);
  const years = options.years ?? ['2021/2022', '2022/2023', '2023/2024'];
  const next = seededRandom(options.seed ?? 42);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  let rows = 0;

  function* cells(): Generator<RawCell[]> {
    yield Object.values(RESULT_COLUMNS);
    for (const year of years) {
      for (const school of schools) {
        for (const procedure of SAMPLE_PROCEDURES) {
          const participants = int(5, 120);
          const failed = Math.min(participants, Math.floor(participants * next() * 0.4));
          const rest = participants - failed;
          const m5 = Math.floor(rest * next() * 0.4);
          const m4 = Math.floor((rest - m5) * next() * 0.7);
          const m3 = rest - m5 - m4;
          const withMarks = procedure.kind !== 'EGE';
          const mean = withMarks ? (2 * failed + 3 * m3 + 4 * m4 + 5 * m5) / Math.max(participants, 1) : int(35, 80);
          rows++;
          yield [
            year,
            school.code,
            school.name,
            KIND_LABEL[procedure.kind],
            procedure.subject,
            procedure.grade,
            participants,
            failed,
            withMarks ? failed : null,
            withMarks ? m3 : null,
            withMarks ? m4 : null,
            withMarks ? m5 : null,
            Math.round(mean * 100) / 100,
          ];
        }
      }
    }
  }

  const bytes = buildXlsx([{ name: 'Результаты', rows: cells() }]);
  return { bytes, schools, knownSchools: new Map(schools.map((s) => [s.code, s.name])), rows };
}
