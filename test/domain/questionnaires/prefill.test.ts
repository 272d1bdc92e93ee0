import { describe, expect, it } from 'vitest';
import { CONTEXT_DATA_ID, getBuiltinQuestionnaire } from '../../../src/domain/questionnaires/builtin/index.ts';
import { prefillFromResults } from '../../../src/domain/questionnaires/prefill.ts';
import type { ResultRow } from '../../../src/domain/results/types.ts';

const row = (
  subject: string,
  grade: number,
  participants: number,
  failed: number,
  over: Partial<ResultRow> = {},
): ResultRow => ({
  schoolCode: 'sch1',
  year: '2023/2024',
  procedure: { kind: 'VPR', subject, grade },
  participants,
  failed,
  ...over,
});

describe('prefillFromResults (4.1–4.4 from ВПР)', () => {
  const q = getBuiltinQuestionnaire(CONTEXT_DATA_ID);

  it('suggests the share of «2» for each ВПР procedure of the school and year', () => {
    const results = [
      row('Математика', 4, 40, 9),
      row('Математика', 8, 30, 10),
      row('Русский язык', 4, 41, 0),
      row('Математика', 5, 50, 50),
      row('Математика', 4, 20, 20, { schoolCode: 'sch2' }),
      row('Математика', 4, 20, 20, { year: '2022/2023' }),
      row('Математика', 4, 20, 20, { procedure: { kind: 'OGE', subject: 'Математика', grade: 4 } }),
    ];
    const suggestions = prefillFromResults(q, results, { schoolCode: 'sch1', year: '2023/2024' });
    expect(suggestions.map((s) => [s.key, s.value, s.failed, s.participants])).toEqual([
      ['4.1', 22.5, 9, 40],
      ['4.2', 33.3, 10, 30],
      ['4.3', 0, 0, 41],
    ]);
  });

  it('suggests nothing without participants', () => {
    expect(prefillFromResults(q, [row('Русский язык', 8, 0, 0)], { schoolCode: 'sch1', year: '2023/2024' })).toEqual(
      [],
    );
  });
});
