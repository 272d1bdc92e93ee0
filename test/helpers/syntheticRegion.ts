/**
 * A realistic synthetic region for the identification methods: schools of different strength
 * (a latent «quality» that persists across years, plus yearly noise), ВПР in grades 4–8, ОГЭ and
 * ЕГЭ (basic schools — ООШ — have no ЕГЭ), several municipalities, three years, and the contingent
 * figures (grade 9 → 10, olympiads). Deterministic for a given seed (seededRandom, mulberry32).
 */
import { seededRandom } from './regionSample.ts';
import type { ResultRow } from '../../src/domain/results/types.ts';

interface SyntheticSchool {
  code: string;
  municipality: string;
  /** ООШ: grades 1–9 only */
  basic: boolean;
  /** latent strength, 0 (weak) … 1 (strong) */
  quality: number;
  pupils: number;
}

interface SyntheticContingent {
  schoolCode: string;
  year: string;
  pupils: number;
  grade9: number;
  continuedTo10: number;
  olympiadRegional: number;
  olympiadFinal: number;
}

export interface SyntheticRegion {
  schools: SyntheticSchool[];
  rows: ResultRow[];
  contingent: SyntheticContingent[];
  years: string[];
}

export function syntheticRegion(
  options: { schools?: number; seed?: number; municipalities?: number } = {},
): SyntheticRegion {
  const count = options.schools ?? 240;
  const municipalities = options.municipalities ?? 12;
  const next = seededRandom(options.seed ?? 2024);
  const years = ['2021/2022', '2022/2023', '2023/2024'];
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const binomial = (n: number, p: number) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (next() < p) k++;
    return k;
  };
  const schools: SyntheticSchool[] = Array.from({ length: count }, (_, i) => {
    const basic = next() < 0.2;
    return {
      code: `sch${String(200001 + i)}`,
      municipality: `Район ${1 + (i % municipalities)}`,
      basic,
      quality: clamp(0.5 + (next() + next() + next() - 1.5) * 0.5),
      pupils: basic ? 40 + Math.floor(next() * 120) : 150 + Math.floor(next() * 900),
    };
  });
  const rows: ResultRow[] = [];
  const contingent: SyntheticContingent[] = [];
  for (const year of years) {
    for (const school of schools) {
      const perGrade = Math.max(3, Math.round(school.pupils / (school.basic ? 9 : 11)));
      const yearNoise = (next() - 0.5) * 0.1;
      const weakness = clamp(1 - school.quality + yearNoise);
      const add = (kind: ResultRow['procedure']['kind'], subject: string, grade: number, base: number) => {
        const participants = Math.max(1, perGrade + Math.round((next() - 0.5) * perGrade * 0.3));
        const p = clamp(base * (0.3 + 1.6 * weakness));
        const failed = binomial(participants, p);
        const meanScore = kind === 'EGE' ? 40 + 40 * (1 - weakness) + (next() - 0.5) * 6 : 3 + 1.4 * (1 - weakness) - p;
        rows.push({
          schoolCode: school.code,
          year,
          procedure: { kind, subject, grade },
          participants,
          failed,
          meanScore: Math.round(meanScore * 100) / 100,
        });
      };
      for (const grade of [4, 5, 6, 7, 8]) {
        add('VPR', 'Математика', grade, 0.14);
        add('VPR', 'Русский язык', grade, 0.12);
      }
      add('OGE', 'Математика', 9, 0.08);
      add('OGE', 'Русский язык', 9, 0.05);
      if (!school.basic) {
        add('EGE', 'Русский язык', 11, 0.015);
        add('EGE', 'Математика (базовая)', 11, 0.03);
        add('EGE', 'Математика (профильная)', 11, 0.06);
      }
      const grade9 = perGrade;
      contingent.push({
        schoolCode: school.code,
        year,
        pupils: school.pupils,
        grade9,
        continuedTo10: binomial(grade9, clamp(0.35 + 0.5 * school.quality)),
        olympiadRegional: binomial(school.pupils, 0.004 + 0.02 * school.quality ** 2),
        olympiadFinal: binomial(school.pupils, 0.0005 * school.quality),
      });
    }
  }
  return { schools, rows, contingent, years };
}
