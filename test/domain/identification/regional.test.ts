// Regional indicators — seed 001 (001_4a8724c71e328c13.txt): the lowest 20 % over three years,
// the context criteria and the six ОГЭ/ЕГЭ comparisons.
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../src/domain/results/types.ts';
import {
  defaultRules,
  identifyRegional,
  type RegionalCriterion,
  type RegionalRules,
} from '../../../src/domain/identification/index.ts';

const L = '2023/2024';
const P = '2022/2023';
const PP = '2021/2022';

const only = (criteria: RegionalCriterion[], extra: Partial<RegionalRules> = {}): RegionalRules => ({
  ...defaultRules().regional,
  criteria,
  // each criterion tested on its own puts a school on the list (the default list is lowest-results only)
  listCriteria: criteria,
  ...extra,
});

const oge = (
  schoolCode: string,
  year: string,
  subject: string,
  participants: number,
  failed: number,
  meanScore?: number,
): ResultRow => ({
  schoolCode,
  year,
  procedure: { kind: 'OGE', subject, grade: 9 },
  participants,
  failed,
  ...(meanScore === undefined ? {} : { meanScore }),
});
const ege = (schoolCode: string, year: string, participants: number, meanScore: number | null): ResultRow => ({
  schoolCode,
  year,
  procedure: { kind: 'EGE', subject: 'Русский язык', grade: 11 },
  participants,
  failed: 0,
  meanScore,
});
const vpr = (schoolCode: string, year: string, participants: number, failed: number): ResultRow => ({
  schoolCode,
  year,
  procedure: { kind: 'VPR', subject: 'Математика', grade: 5 },
  participants,
  failed,
});

const statuses = (result: ReturnType<typeof identifyRegional>) =>
  Object.fromEntries(result.verdicts.map((verdict) => [verdict.schoolCode, verdict.status]));

describe('lowest 20 % of schools by ЕГЭ, ОГЭ and ВПР results over three years', () => {
  it('of ten schools the two with the highest pooled failed share are selected', () => {
    const rows = Array.from({ length: 10 }, (_, i) => vpr(`sch${String(i + 1).padStart(2, '0')}`, L, 100, i + 1));
    const result = identifyRegional(rows, only(['lowest-results']));
    expect(result.verdicts.filter((v) => v.flagged).map((v) => v.schoolCode)).toEqual(['sch09', 'sch10']);
    // the composite: the school's failed share over the region's (55 of 1000 = 5,5 %)
    expect(result.lowestCutOff?.ranked).toBe(10);
    expect(result.lowestCutOff?.selected).toBe(2);
    expect(result.lowestCutOff?.share).toBeCloseTo(0.09 / 0.055, 9);
    const evidence = result.verdicts.find((v) => v.schoolCode === 'sch10')!.evidence;
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      kind: 'indicator',
      criterion: 'lowest-results',
      year: L,
      comparison: '>=',
      reference: 'cut-off',
      rank: 1,
      ranked: 10,
      parts: [{ kind: 'VPR', participants: 100, failed: 10, share: 0.1, weight: 1 }],
    });
    expect(evidence[0]!.value).toBeCloseTo(0.1 / 0.055, 9);
    expect(evidence[0]!.parts![0]!.regionShare).toBeCloseTo(0.055, 12);
  });

  it('a tie at the cut-off includes every tied school', () => {
    const rows = Array.from({ length: 10 }, (_, i) => vpr(`sch${String(i + 1).padStart(2, '0')}`, L, 100, i + 1));
    rows[7] = vpr('sch08', L, 100, 9); // sch08 now ties with sch09
    const result = identifyRegional(rows, only(['lowest-results']));
    expect(result.verdicts.filter((v) => v.flagged).map((v) => v.schoolCode)).toEqual(['sch08', 'sch09', 'sch10']);
  });

  it('seven schools: 20 % rounds up to two', () => {
    const rows = Array.from({ length: 7 }, (_, i) => vpr(`sch${i + 1}`, L, 100, i + 1));
    expect(identifyRegional(rows, only(['lowest-results'])).lowestCutOff?.selected).toBe(2);
  });

  it('pools the three latest years and ignores the fourth', () => {
    const rows = [
      vpr('a', L, 100, 10),
      vpr('a', P, 100, 10),
      vpr('a', PP, 100, 10),
      vpr('a', '2020/2021', 100, 100), // outside «за последние 3 года»
      vpr('b', L, 100, 5),
      vpr('b', P, 100, 5),
      vpr('b', PP, 100, 35), // pooled 45 / 300 = 0.15 > a's 0.10
      vpr('c', L, 100, 0),
      vpr('d', L, 100, 0),
      vpr('e', L, 100, 0),
    ];
    const result = identifyRegional(rows, only(['lowest-results']));
    expect(result.verdicts.filter((v) => v.flagged).map((v) => v.schoolCode)).toEqual(['b']);
  });
});

describe('ОГЭ failed share above the region’s', () => {
  const rows = [
    oge('a', L, 'Русский язык', 100, 10),
    oge('b', L, 'Русский язык', 100, 30),
    oge('c', L, 'Русский язык', 100, 20),
  ];

  it('region figure from all schools in the data: only a school strictly above it', () => {
    const result = identifyRegional(rows, only(['oge-rus-failed-above-region']));
    expect(result.regionFigures).toMatchObject({ ogeRusFailedShare: 0.2, from: { ogeRusFailedShare: 'data' } });
    expect(statuses(result)).toEqual({ a: 'clear', b: 'flagged', c: 'clear' });
    expect(result.verdicts[1]!.evidence).toEqual([
      {
        kind: 'indicator',
        criterion: 'oge-rus-failed-above-region',
        year: L,
        procedure: 'oge-rus',
        value: 0.3,
        comparison: '>',
        compareTo: 0.2,
        reference: 'region',
      },
    ]);
  });

  it('a region figure in the rules file is used instead', () => {
    const result = identifyRegional(
      rows,
      only(['oge-rus-failed-above-region'], { regionFigures: { [L]: { ogeRusFailedShare: 0.05 } } }),
    );
    expect(result.regionFigures?.from.ogeRusFailedShare).toBe('rules');
    expect(statuses(result)).toEqual({ a: 'flagged', b: 'flagged', c: 'flagged' });
  });

  it('ОГЭ математика is compared with the region’s математика, not русский', () => {
    const result = identifyRegional(
      [...rows, oge('a', L, 'Математика', 10, 5), oge('b', L, 'Математика', 10, 1)],
      only(['oge-math-failed-above-region']),
    );
    expect(result.regionFigures?.ogeMathFailedShare).toBe(0.3);
    expect(statuses(result)).toEqual({ a: 'flagged', b: 'clear', c: 'clear' });
  });
});

describe('ОГЭ mean score falling two years running', () => {
  it.each([
    ['3.8 → 3.6 → 3.5 falls twice', [3.8, 3.6, 3.5], 'flagged'],
    ['3.8 → 3.6 → 3.6 stops falling', [3.8, 3.6, 3.6], 'clear'],
    ['3.5 → 3.6 → 3.4 rose, then fell', [3.5, 3.6, 3.4], 'clear'],
  ])('%s', (_name, [oldest, previous, latest], status) => {
    const rows = [
      oge('a', PP, 'Математика', 20, 1, oldest),
      oge('a', P, 'Математика', 20, 1, previous),
      oge('a', L, 'Математика', 20, 1, latest),
    ];
    const verdict = identifyRegional(rows, only(['oge-math-mean-falling'])).verdicts[0]!;
    expect(verdict.status).toBe(status);
  });

  it('evidence shows both falls', () => {
    const rows = [
      oge('a', PP, 'Русский язык', 20, 1, 4.1),
      oge('a', P, 'Русский язык', 20, 1, 4),
      oge('a', L, 'Русский язык', 20, 1, 3.9),
    ];
    const verdict = identifyRegional(rows, only(['oge-rus-mean-falling'])).verdicts[0]!;
    expect(verdict.evidence).toEqual([
      expect.objectContaining({
        year: L,
        value: 3.9,
        comparison: '<',
        compareTo: 4,
        reference: 'previous-year',
        referenceYear: P,
      }),
      expect.objectContaining({
        year: P,
        value: 4,
        comparison: '<',
        compareTo: 4.1,
        reference: 'previous-year',
        referenceYear: PP,
      }),
    ]);
  });

  it('a missing year is reported and leaves the school undecided while the known years fall', () => {
    const rows = [
      oge('a', P, 'Математика', 20, 1, 3.6),
      oge('a', L, 'Математика', 20, 1, 3.5),
      oge('b', PP, 'Математика', 20, 1, 4),
    ];
    const result = identifyRegional(rows, only(['oge-math-mean-falling']));
    expect(result.verdicts[0]!.status).toBe('incomplete');
    expect(result.missing).toContainEqual({ schoolCode: 'a', year: PP, items: ['oge-math'] });
  });

  it('a school whose known years already rise is clear despite the gap', () => {
    const rows = [
      oge('a', P, 'Математика', 20, 1, 3.4),
      oge('a', L, 'Математика', 20, 1, 3.5),
      oge('b', PP, 'Математика', 20, 1, 4),
    ];
    expect(identifyRegional(rows, only(['oge-math-mean-falling'])).verdicts[0]!.status).toBe('clear');
  });
});

describe('ОГЭ математика failed share rising', () => {
  it.each([
    ['20 % → 30 % rises', 2, 3, 'flagged'],
    ['30 % → 30 % does not', 3, 3, 'clear'],
    ['30 % → 20 % falls', 3, 2, 'clear'],
  ])('%s', (_name, previous, latest, status) => {
    const rows = [oge('a', P, 'Математика', 10, previous), oge('a', L, 'Математика', 10, latest)];
    expect(identifyRegional(rows, only(['oge-math-failed-rising'])).verdicts[0]!.status).toBe(status);
  });

  it.each([
    ['a rise of 3 points (20 % → 23 % of 100) is below the 5-point threshold', 100, 20, 23, 'clear'],
    ['a rise of 5 points (20 % → 25 % of 100) counts', 100, 20, 25, 'flagged'],
    ['0 → 1 pupil of 8 is too few participants to be a trend', 8, 0, 1, 'clear'],
  ])('%s', (_name, participants, previous, latest, status) => {
    const rows = [oge('a', P, 'Математика', participants, previous), oge('a', L, 'Математика', participants, latest)];
    const verdict = identifyRegional(rows, only(['oge-math-failed-rising'])).verdicts[0]!;
    expect(verdict.status).toBe(status);
    if (status === 'flagged') expect(verdict.evidence[0]).toMatchObject({ minIncrease: 0.05, referenceYear: P });
  });

  it('the threshold and the minimum come from the rules file', () => {
    const rows = [oge('a', P, 'Математика', 8, 0), oge('a', L, 'Математика', 8, 1)];
    const rules = only(['oge-math-failed-rising'], { failedRising: { minIncrease: 0.1, minParticipants: 5 } });
    expect(identifyRegional(rows, rules).verdicts[0]!.status).toBe('flagged');
  });
});

describe('ЕГЭ русский mean score below the region’s', () => {
  it('region mean weighted by participants; strictly below flags', () => {
    const rows = [ege('a', L, 30, 60), ege('b', L, 10, 90), ege('c', L, 10, 67.5)];
    // region: (30 × 60 + 10 × 90 + 10 × 67.5) / 50 = 67.5
    const result = identifyRegional(rows, only(['ege-rus-mean-below-region']));
    expect(result.regionFigures?.egeRusMeanScore).toBe(67.5);
    expect(statuses(result)).toEqual({ a: 'flagged', b: 'clear', c: 'clear' });
  });

  it('a row without a mean score is reported and undecided', () => {
    const result = identifyRegional([ege('a', L, 30, 60), ege('b', L, 10, null)], only(['ege-rus-mean-below-region']));
    expect(statuses(result)).toEqual({ a: 'clear', b: 'incomplete' });
    expect(result.missing).toEqual([{ schoolCode: 'b', year: L, items: ['ege-rus:mean-score'] }]);
  });
});

describe('context criteria (seed 001): continuation to grade 10, olympiad participation', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'].map((code) => vpr(code, L, 10, 0));
  const context = {
    a: { continuationShare: 0.59, olympiadShare: 0.2 },
    b: { continuationShare: 0.6, olympiadShare: 0.2 },
    c: { continuationShare: 0.9, olympiadShare: 0.005 },
    d: { continuationShare: 0.9, olympiadShare: 0.0051 },
  };

  it('< 60 % continuing and <= 0,5 % in olympiads flag; the boundaries are honoured', () => {
    const result = identifyRegional(rows, only(['continuation-below', 'olympiad-low']), { context });
    expect(statuses(result)).toEqual({ a: 'flagged', b: 'clear', c: 'flagged', d: 'clear', e: 'incomplete' });
    expect(result.verdicts[0]!.criteria).toEqual(['continuation-below']);
    expect(result.verdicts[2]!.criteria).toEqual(['olympiad-low']);
    expect(result.missing).toEqual([{ schoolCode: 'e', year: L, items: ['continuation', 'olympiad'] }]);
  });

  it('without context data the two criteria are reported as not evaluated', () => {
    const result = identifyRegional(rows, only(['continuation-below', 'olympiad-low']));
    expect(result.notEvaluated).toEqual(['continuation-below', 'olympiad-low']);
    expect(result.verdicts.every((v) => v.status === 'clear')).toBe(true);
  });
});

describe('combining criteria', () => {
  it('minCriteria 2: one criterion met is not enough', () => {
    const rows = [
      oge('a', P, 'Математика', 10, 2),
      oge('a', L, 'Математика', 10, 3),
      oge('b', L, 'Математика', 10, 2),
      oge('b', P, 'Математика', 10, 2),
    ];
    const one = identifyRegional(rows, only(['oge-math-failed-rising', 'oge-math-failed-above-region']));
    expect(one.verdicts[0]!.criteria).toEqual(['oge-math-failed-above-region', 'oge-math-failed-rising']);
    const rising = [
      oge('a', P, 'Математика', 10, 2),
      oge('a', L, 'Математика', 10, 3),
      oge('b', L, 'Математика', 10, 5),
      oge('b', P, 'Математика', 10, 5),
    ];
    const two = identifyRegional(
      rising,
      only(['oge-math-failed-rising', 'oge-math-failed-above-region'], { minCriteria: 2 }),
    );
    expect(two.verdicts[0]!.criteria).toEqual(['oge-math-failed-rising']);
    expect(two.verdicts[0]!.flagged).toBe(false);
  });

  it('L defaults to the latest year in the data and years without any data are reported', () => {
    const result = identifyRegional([vpr('a', L, 10, 1)], only(['lowest-results']));
    expect(result.year).toBe(L);
    expect(result.missingYears).toEqual([P, PP]);
  });
});
