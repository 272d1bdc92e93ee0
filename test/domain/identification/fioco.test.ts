// Unit tests of the ФИОКО method — seed 003 §2.1 (003_b4603cc6abcf662b.txt).
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../src/domain/results/types.ts';
import {
  FIOCO_DEFAULT_PROCEDURES,
  IdentificationInputError,
  defaultRules,
  identifyFioco,
  type FiocoRules,
} from '../../../src/domain/identification/index.ts';

const L = '2023/2024';
const P = '2022/2023';
const OLDER = '2021/2022';

function row(schoolCode: string, year: string, procedureId: string, participants: number, failed: number): ResultRow {
  const spec = FIOCO_DEFAULT_PROCEDURES.find((candidate) => candidate.id === procedureId);
  if (spec === undefined) throw new Error(`unknown procedure ${procedureId}`);
  return {
    schoolCode,
    year,
    procedure: { kind: spec.kind, subject: spec.subjects[0]!, grade: spec.grade },
    participants,
    failed,
  };
}

function rules(overrides: Partial<FiocoRules> = {}): FiocoRules {
  return { ...defaultRules().fioco, ...overrides };
}

function verdictOf(rows: ResultRow[], fioco = rules(), year?: string) {
  const result = identifyFioco(rows, fioco, year === undefined ? {} : { year });
  const verdict = result.verdicts.find((candidate) => candidate.schoolCode === 'sch1');
  if (verdict === undefined) throw new Error('no verdict for sch1');
  return { result, verdict };
}

describe('low result: «не менее 30 %» of participants failed', () => {
  // Every pair is exactly 30 %; in floating point 0.3 × 10 = 3.0000000000000004, so a naive
  // `failed >= 0.3 * participants` would miss several of them.
  it.each([
    [3, 10],
    [6, 20],
    [9, 30],
    [21, 70],
    [33, 110],
    [57, 190],
    [300, 1000],
  ])('%i of %i (exactly 30 %%) is low', (failed, participants) => {
    const { verdict } = verdictOf([
      row('sch1', L, 'oge-math', participants, failed),
      row('sch1', L, 'oge-rus', participants, failed),
      row('sch1', P, 'oge-math', participants, 0),
      row('sch1', P, 'oge-rus', participants, 0),
    ]);
    expect(verdict.flagged).toBe(true);
    expect(verdict.criteria).toEqual(['two-procedures']);
    expect(verdict.evidence.map((e) => e.procedure)).toEqual(['oge-math', 'oge-rus']);
  });

  it.each([
    ['29.99 %', 2999, 10000],
    ['29.996 %, shown as 30,00 % when rounded to two decimals', 7499, 25000],
    ['29 %', 29, 100],
    ['2 of 7 = 28.6 %', 2, 7],
  ])('%s is not low', (_label, failed, participants) => {
    const { verdict } = verdictOf([
      row('sch1', L, 'vpr-math-5', participants, failed),
      row('sch1', L, 'vpr-rus-5', 10, 3),
      row('sch1', P, 'vpr-math-5', 10, 0),
      row('sch1', P, 'vpr-rus-5', 10, 0),
    ]);
    expect(verdict.status).toBe('clear');
    expect(verdict.evidence.map((e) => e.procedure)).toEqual(['vpr-rus-5']);
  });

  it('compares the unrounded share: 29.996 % is not low even though it prints as 30,00 %', () => {
    const share = 7499 / 25000;
    expect(share.toFixed(4)).toBe('0.3000');
    const { verdict } = verdictOf([
      row('sch1', L, 'vpr-math-5', 25000, 7499),
      row('sch1', L, 'vpr-rus-5', 25000, 7499),
      row('sch1', P, 'vpr-math-5', 25000, 7499),
      row('sch1', P, 'vpr-rus-5', 25000, 7499),
    ]);
    expect(verdict.flagged).toBe(false);
    expect(verdict.evidence).toEqual([]);
  });

  it('a threshold set to 0.25 makes exactly 25 % low and 24 % not', () => {
    const { verdict } = verdictOf(
      [
        row('sch1', L, 'vpr-math-5', 4, 1),
        row('sch1', L, 'vpr-rus-5', 100, 25),
        row('sch1', L, 'vpr-math-6', 100, 24),
        row('sch1', P, 'vpr-math-5', 4, 0),
        row('sch1', P, 'vpr-rus-5', 100, 0),
        row('sch1', P, 'vpr-math-6', 100, 0),
      ],
      rules({ threshold: 0.25 }),
    );
    expect(verdict.criteria).toEqual(['two-procedures']);
    expect(verdict.evidence.map((e) => [e.procedure, e.share, e.threshold])).toEqual([
      ['vpr-math-5', 0.25, 0.25],
      ['vpr-rus-5', 0.25, 0.25],
    ]);
  });
});

describe('participants', () => {
  it('zero participants never counts, in either year', () => {
    const { verdict, result } = verdictOf([
      row('sch1', L, 'ege-math-profile', 0, 0),
      row('sch1', L, 'ege-math-base', 10, 5),
      row('sch1', P, 'ege-math-profile', 0, 0),
      row('sch1', P, 'ege-math-base', 0, 0),
    ]);
    expect(verdict.status).toBe('clear');
    expect(verdict.evidence.map((e) => [e.year, e.procedure])).toEqual([[L, 'ege-math-base']]);
    // a row with no participants is data, not a gap
    expect(result.missing).toEqual([]);
  });

  it('one participant who failed counts by default (minParticipants 1)', () => {
    const { verdict } = verdictOf([
      row('sch1', L, 'vpr-math-6', 1, 1),
      row('sch1', L, 'vpr-rus-6', 1, 1),
      row('sch1', P, 'vpr-math-6', 1, 0),
      row('sch1', P, 'vpr-rus-6', 1, 0),
    ]);
    expect(verdict.criteria).toEqual(['two-procedures']);
  });

  it('with minParticipants 5, 2 of 4 does not count and 3 of 5 does', () => {
    const data = [
      row('sch1', L, 'vpr-math-6', 4, 2),
      row('sch1', L, 'vpr-rus-6', 5, 3),
      row('sch1', P, 'vpr-math-6', 5, 0),
      row('sch1', P, 'vpr-rus-6', 5, 0),
    ];
    expect(verdictOf(data).verdict.criteria).toEqual(['two-procedures']);
    const strict = verdictOf(data, rules({ minParticipants: 5 })).verdict;
    expect(strict.flagged).toBe(false);
    expect(strict.evidence.map((e) => e.procedure)).toEqual(['vpr-rus-6']);
  });
});

describe('criteria (seed 003 §2.1)', () => {
  it.each([
    {
      name: 'criterion 1: two low procedures in L',
      rows: [
        row('sch1', L, 'vpr-math-5', 10, 3),
        row('sch1', L, 'oge-rus', 10, 4),
        row('sch1', P, 'vpr-math-5', 10, 0),
        row('sch1', P, 'oge-rus', 10, 0),
      ],
      criteria: ['two-procedures'],
    },
    {
      name: 'two low procedures in L − 1 only: no criterion (criterion 1 looks at L)',
      rows: [
        row('sch1', L, 'vpr-math-5', 10, 0),
        row('sch1', L, 'oge-rus', 10, 0),
        row('sch1', P, 'vpr-math-5', 10, 3),
        row('sch1', P, 'oge-rus', 10, 4),
      ],
      criteria: [],
    },
    {
      name: 'criterion 2: one low in L, another low in L − 1',
      rows: [
        row('sch1', L, 'vpr-math-5', 10, 3),
        row('sch1', L, 'oge-rus', 10, 0),
        row('sch1', P, 'vpr-math-5', 10, 0),
        row('sch1', P, 'oge-rus', 10, 3),
      ],
      criteria: ['two-years'],
    },
    {
      name: 'low in L and in L − 2 but not in L − 1: no criterion',
      rows: [
        row('sch1', L, 'oge-math', 10, 5),
        row('sch1', P, 'oge-math', 10, 1),
        row('sch1', OLDER, 'oge-math', 10, 5),
      ],
      criteria: [],
    },
    {
      name: 'both criteria',
      rows: [
        row('sch1', L, 'ege-rus', 10, 3),
        row('sch1', L, 'ege-math-base', 10, 3),
        row('sch1', P, 'ege-rus', 10, 3),
        row('sch1', P, 'ege-math-base', 10, 0),
      ],
      criteria: ['two-procedures', 'two-years'],
    },
  ])('$name', ({ rows, criteria }) => {
    const { verdict } = verdictOf(rows);
    expect(verdict.criteria).toEqual(criteria);
    expect(verdict.flagged).toBe(criteria.length > 0);
  });

  it('minLowProcedures 3: two low procedures are no longer enough', () => {
    const data = [
      row('sch1', L, 'vpr-math-5', 10, 3),
      row('sch1', L, 'vpr-rus-5', 10, 3),
      row('sch1', P, 'vpr-math-5', 10, 0),
      row('sch1', P, 'vpr-rus-5', 10, 0),
    ];
    expect(verdictOf(data, rules({ minLowProcedures: 3 })).verdict.flagged).toBe(false);
  });

  it('evidence lists every low result of L, then of L − 1, in the order of the procedure list', () => {
    const { verdict } = verdictOf([
      row('sch1', P, 'ege-rus', 20, 8),
      row('sch1', L, 'ege-rus', 20, 6),
      row('sch1', L, 'vpr-math-5', 20, 1),
      row('sch1', P, 'vpr-math-5', 20, 10),
    ]);
    expect(verdict.evidence).toEqual([
      {
        kind: 'result',
        year: L,
        procedure: 'ege-rus',
        participants: 20,
        failed: 6,
        share: 0.3,
        threshold: 0.3,
        comparison: '>=',
      },
      {
        kind: 'result',
        year: P,
        procedure: 'vpr-math-5',
        participants: 20,
        failed: 10,
        share: 0.5,
        threshold: 0.3,
        comparison: '>=',
      },
      {
        kind: 'result',
        year: P,
        procedure: 'ege-rus',
        participants: 20,
        failed: 8,
        share: 0.4,
        threshold: 0.3,
        comparison: '>=',
      },
    ]);
  });

  it('every verdict carries the rule text quoted from seed 003 §2.1', () => {
    const { verdict } = verdictOf([row('sch1', L, 'oge-math', 10, 3), row('sch1', P, 'oge-math', 10, 3)]);
    const ids = verdict.rules.map((citation) => citation.id);
    expect(ids).toEqual(['low-result', 'two-procedures', 'two-years', 'procedures']);
    expect(verdict.rules[0]!.text).toContain('не менее 30 %');
    expect(verdict.rules[2]!.text).toContain('в каждом из двух предыдущих учебных годов');
    expect(verdict.rules[0]!.source).toContain('003_b4603cc6abcf662b.txt');
  });
});

describe('variant: the same procedure in both years', () => {
  const different = [
    row('sch1', L, 'oge-rus', 30, 9),
    row('sch1', L, 'vpr-math-6', 40, 5),
    row('sch1', P, 'oge-rus', 30, 2),
    row('sch1', P, 'vpr-math-6', 40, 12),
  ];
  const same = [
    row('sch1', L, 'ege-rus', 20, 6),
    row('sch1', L, 'oge-math', 25, 1),
    row('sch1', P, 'ege-rus', 20, 8),
    row('sch1', P, 'oge-math', 25, 0),
  ];

  it('different procedures satisfy criterion 2 by default, not in the variant', () => {
    expect(verdictOf(different).verdict.criteria).toEqual(['two-years']);
    const variant = verdictOf(different, rules({ sameProcedureInBothYears: true })).verdict;
    expect(variant.status).toBe('clear');
    // the evidence still shows both low results, so the reader sees why it was close
    expect(variant.evidence.map((e) => [e.year, e.procedure])).toEqual([
      [L, 'oge-rus'],
      [P, 'vpr-math-6'],
    ]);
  });

  it('the same procedure satisfies criterion 2 in both readings', () => {
    expect(verdictOf(same).verdict.criteria).toEqual(['two-years']);
    expect(verdictOf(same, rules({ sameProcedureInBothYears: true })).verdict.criteria).toEqual(['two-years']);
  });

  it('the variant is noted on the rule text', () => {
    const variant = verdictOf(same, rules({ sameProcedureInBothYears: true })).verdict;
    expect(variant.rules.find((citation) => citation.id === 'two-years')?.noteKey).toBe(
      'identify-fioco-note-same-procedure',
    );
  });

  it('a procedure missing in L − 1 that is low in L leaves the variant undecided', () => {
    const data = [
      row('sch1', L, 'oge-math', 20, 10),
      row('sch1', L, 'oge-rus', 20, 2),
      row('sch1', P, 'oge-rus', 20, 10),
    ];
    // default: low oge-math in L and low oge-rus in L − 1 → criterion 2
    expect(verdictOf(data).verdict.criteria).toEqual(['two-years']);
    const variant = verdictOf(data, rules({ sameProcedureInBothYears: true })).verdict;
    expect(variant.status).toBe('incomplete');
    expect(variant.undetermined).toEqual(['two-years']);
  });
});

describe('years and missing data', () => {
  it('one year of data only: the missing year is reported, not guessed', () => {
    const data = [
      row('sch1', L, 'vpr-math-5', 10, 3),
      row('sch2', L, 'vpr-math-5', 10, 3),
      row('sch2', L, 'vpr-rus-5', 10, 3),
      row('sch3', L, 'vpr-math-5', 10, 0),
    ];
    const result = identifyFioco(data, rules());
    expect(result.year).toBe(L);
    expect(result.previousYear).toBe(P);
    expect(result.missingYears).toEqual([P]);
    // per-school gaps are not repeated for a year missing as a whole
    expect(result.missing).toEqual([]);
    expect(result.verdicts.map((v) => [v.schoolCode, v.status])).toEqual([
      ['sch1', 'incomplete'], // one low in L; L − 1 could complete criterion 2
      ['sch2', 'flagged'], // criterion 1 needs only L
      ['sch3', 'clear'], // nothing low in L: criterion 2 cannot hold whatever L − 1 says
    ]);
  });

  it('a gap year between two years of data is reported as missing', () => {
    const data = [row('sch1', L, 'oge-math', 10, 5), row('sch1', OLDER, 'oge-math', 10, 5)];
    const result = identifyFioco(data, rules());
    expect(result.previousYear).toBe(P);
    expect(result.missingYears).toEqual([P]);
    expect(result.verdicts[0]!.status).toBe('incomplete');
  });

  it.each([
    {
      name: 'procedure missing in L − 1, low in L → incomplete',
      rows: [row('sch1', L, 'oge-math', 20, 10), row('sch1', L, 'oge-rus', 20, 2), row('sch1', P, 'oge-rus', 20, 1)],
      status: 'incomplete',
      undetermined: ['two-years'],
      missing: [{ schoolCode: 'sch1', year: P, procedures: ['oge-math'] }],
    },
    {
      name: 'procedure missing in L − 1, nothing low in L → clear, gap still reported',
      rows: [
        row('sch1', L, 'vpr-math-6', 20, 2),
        row('sch1', L, 'vpr-rus-6', 20, 1),
        row('sch1', P, 'vpr-rus-6', 20, 1),
      ],
      status: 'clear',
      undetermined: [],
      missing: [{ schoolCode: 'sch1', year: P, procedures: ['vpr-math-6'] }],
    },
    {
      name: 'procedure missing in L with one low in L → criterion 1 undecided',
      rows: [row('sch1', L, 'oge-math', 20, 6), row('sch1', P, 'oge-math', 20, 2), row('sch1', P, 'oge-rus', 20, 3)],
      status: 'incomplete',
      undetermined: ['two-procedures'],
      missing: [{ schoolCode: 'sch1', year: L, procedures: ['oge-rus'] }],
    },
    {
      name: 'school without L data but two lows in L − 1 → both criteria undecided',
      rows: [row('sch1', P, 'oge-math', 20, 10), row('sch1', P, 'oge-rus', 20, 10), row('sch2', L, 'oge-math', 20, 0)],
      status: 'incomplete',
      undetermined: ['two-procedures', 'two-years'],
      missing: [{ schoolCode: 'sch1', year: L, procedures: ['oge-math', 'oge-rus'] }],
    },
  ])('$name', ({ rows, status, undetermined, missing }) => {
    const { verdict, result } = verdictOf(rows);
    expect(verdict.status).toBe(status);
    expect(verdict.flagged).toBe(false);
    expect(verdict.undetermined).toEqual(undetermined);
    expect(result.missing.filter((gap) => gap.schoolCode === 'sch1')).toEqual(missing);
  });

  it('L defaults to the latest year with ФИОКО rows, ignoring newer rows of other procedures', () => {
    const data: ResultRow[] = [
      row('sch1', L, 'oge-math', 10, 5),
      row('sch1', P, 'oge-math', 10, 5),
      {
        schoolCode: 'sch1',
        year: '2024/2025',
        procedure: { kind: 'VPR', subject: 'Математика', grade: 4 },
        participants: 10,
        failed: 9,
      },
    ];
    const result = identifyFioco(data, rules());
    expect(result.year).toBe(L);
    expect(result.verdicts[0]!.criteria).toEqual(['two-years']);
  });

  it('an explicit year runs the method for that year and the one before', () => {
    const data = [
      row('sch1', L, 'oge-math', 10, 0),
      row('sch1', P, 'oge-math', 10, 5),
      row('sch1', P, 'oge-rus', 10, 5),
      row('sch1', OLDER, 'oge-math', 10, 0),
      row('sch1', OLDER, 'oge-rus', 10, 0),
    ];
    expect(identifyFioco(data, rules()).verdicts[0]!.flagged).toBe(false);
    const earlier = identifyFioco(data, rules(), { year: P });
    expect(earlier.year).toBe(P);
    expect(earlier.previousYear).toBe(OLDER);
    expect(earlier.verdicts[0]!.criteria).toEqual(['two-procedures']);
  });

  it('a malformed year is refused with a locale key', () => {
    expect(() => identifyFioco([], rules(), { year: '2023-2024' })).toThrow(IdentificationInputError);
    try {
      identifyFioco([], rules(), { year: '2023/2025' });
    } catch (error) {
      expect((error as IdentificationInputError).key).toBe('identify-error-year-format');
    }
  });

  it('no ФИОКО data at all: no year, no verdicts', () => {
    const result = identifyFioco(
      [
        {
          schoolCode: 'sch1',
          year: L,
          procedure: { kind: 'VPR', subject: 'Математика', grade: 4 },
          participants: 10,
          failed: 9,
        },
      ],
      rules(),
    );
    expect(result.year).toBeNull();
    expect(result.verdicts).toEqual([]);
  });
});

describe('procedures', () => {
  it('procedures outside the list are ignored: ВПР 4 and 7, ОГЭ информатика, ЕГЭ математика without level', () => {
    const data: ResultRow[] = [
      {
        schoolCode: 'sch1',
        year: L,
        procedure: { kind: 'VPR', subject: 'Математика', grade: 4 },
        participants: 10,
        failed: 9,
      },
      {
        schoolCode: 'sch1',
        year: L,
        procedure: { kind: 'VPR', subject: 'Математика', grade: 7 },
        participants: 10,
        failed: 9,
      },
      {
        schoolCode: 'sch1',
        year: L,
        procedure: { kind: 'OGE', subject: 'Информатика', grade: 9 },
        participants: 10,
        failed: 9,
      },
      {
        schoolCode: 'sch1',
        year: L,
        procedure: { kind: 'EGE', subject: 'Математика', grade: 11 },
        participants: 10,
        failed: 9,
      },
      row('sch1', L, 'vpr-math-5', 10, 0),
      row('sch1', P, 'vpr-math-5', 10, 0),
    ];
    const { verdict } = verdictOf(data);
    expect(verdict.status).toBe('clear');
    expect(verdict.evidence).toEqual([]);
  });

  it('subject spellings are normalised: case, ё/е, spaces, brackets; a missing ЕГЭ grade means 11', () => {
    const data: ResultRow[] = [
      {
        schoolCode: 'sch1',
        year: L,
        procedure: { kind: 'VPR', subject: '  русский   ЯЗЫК ', grade: 5 },
        participants: 10,
        failed: 3,
      },
      {
        schoolCode: 'sch1',
        year: L,
        procedure: { kind: 'EGE', subject: 'МАТЕМАТИКА(БАЗОВАЯ)', grade: null },
        participants: 10,
        failed: 5,
      },
      row('sch1', P, 'vpr-rus-5', 10, 0),
      row('sch1', P, 'ege-math-base', 10, 0),
    ];
    const { verdict, result } = verdictOf(data);
    expect(verdict.criteria).toEqual(['two-procedures']);
    expect(verdict.evidence.map((e) => e.procedure)).toEqual(['vpr-rus-5', 'ege-math-base']);
    expect(result.missing).toEqual([]);
  });

  it('a committee can add a procedure of its own (here ВПР математика 7 класс)', () => {
    const fioco = rules({
      procedures: [
        ...defaultRules().fioco.procedures,
        { id: 'vpr-math-7', label: 'ВПР по математике (7 класс)', kind: 'VPR', subjects: ['Математика'], grade: 7 },
      ],
    });
    const data: ResultRow[] = [
      {
        schoolCode: 'sch1',
        year: L,
        procedure: { kind: 'VPR', subject: 'Математика', grade: 7 },
        participants: 10,
        failed: 3,
      },
      row('sch1', L, 'vpr-math-5', 10, 3),
      {
        schoolCode: 'sch1',
        year: P,
        procedure: { kind: 'VPR', subject: 'Математика', grade: 7 },
        participants: 10,
        failed: 0,
      },
      row('sch1', P, 'vpr-math-5', 10, 0),
    ];
    expect(verdictOf(data).verdict.flagged).toBe(false);
    expect(verdictOf(data, fioco).verdict.criteria).toEqual(['two-procedures']);
  });

  it('two rows for one school, year and procedure are added up and reported', () => {
    const data = [
      row('sch1', L, 'vpr-math-5', 10, 2),
      row('sch1', L, 'vpr-math-5', 10, 4),
      row('sch1', L, 'vpr-rus-5', 20, 6),
      row('sch1', P, 'vpr-math-5', 20, 0),
      row('sch1', P, 'vpr-rus-5', 20, 0),
    ];
    const { verdict, result } = verdictOf(data);
    expect(verdict.evidence[0]).toMatchObject({ procedure: 'vpr-math-5', participants: 20, failed: 6, share: 0.3 });
    expect(verdict.criteria).toEqual(['two-procedures']);
    expect(result.duplicates).toEqual([{ schoolCode: 'sch1', year: L, procedure: 'vpr-math-5' }]);
  });
});

describe('scale', () => {
  it('groups many schools correctly (beyond the initial buffer) and sorts verdicts by code', () => {
    const data: ResultRow[] = [];
    for (let school = 2999; school >= 0; school--) {
      const code = `sch${String(school).padStart(6, '0')}`;
      const failed = school % 3 === 0 ? 3 : 0;
      data.push(row(code, L, 'oge-math', 10, failed), row(code, L, 'oge-rus', 10, failed));
      data.push(row(code, P, 'oge-math', 10, 0), row(code, P, 'oge-rus', 10, 0));
    }
    const result = identifyFioco(data, rules());
    expect(result.verdicts).toHaveLength(3000);
    expect(result.verdicts[0]!.schoolCode).toBe('sch000000');
    expect(result.verdicts.filter((v) => v.flagged)).toHaveLength(1000);
    expect(result.verdicts[2997]!.flagged).toBe(true); // sch002997: 2997 = 3 × 999
    expect(result.verdicts[2998]!.flagged).toBe(false);
  });
});
