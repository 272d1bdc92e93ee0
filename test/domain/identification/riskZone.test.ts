// Risk-zone schools — seed 003 §3.2 (003_b4603cc6abcf662b.txt, «Определение рисковых школ»).
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../src/domain/results/types.ts';
import {
  defaultRules,
  identifyRiskZone,
  toCliJson,
  type RiskItem,
  type RiskQuestionnaire,
} from '../../../src/domain/identification/index.ts';

/** A school with every item answered and nothing at risk. */
const healthy: Partial<Record<RiskItem, boolean | number>> = {
  '1.1': true,
  '1.2': true,
  '1.3.physics': true,
  '1.3.chemistry': true,
  '1.3.biology': true,
  '1.3.geography': true,
  '1.3.technology': true,
  '2.1': 0,
  '2.2': 0,
  '3.1': 0.01,
  '3.2': 0.02,
  '3.3': 0,
  '3.4': 0.01,
  '4.1': 0.05,
  '4.2': 0.1,
  '4.3': 0.05,
  '4.4': 0.1,
  '4.5': 0.02,
};

const rules = () => defaultRules().risk;

function assess(answers: Partial<Record<RiskItem, boolean | number | null>>, results?: ResultRow[]) {
  const questionnaire: RiskQuestionnaire = { schoolCode: 'sch1', answers: { ...healthy, ...answers } };
  const result = identifyRiskZone([questionnaire], rules(), { year: '2024/2025', ...(results ? { results } : {}) });
  return { result, verdict: result.verdicts[0]! };
}

describe('risk factors', () => {
  it('a school with every answer fine is not at risk', () => {
    const { verdict, result } = assess({});
    expect(verdict.status).toBe('clear');
    expect(verdict.criteria).toEqual([]);
    expect(result.missing).toEqual([]);
  });

  it.each<[string, Partial<Record<RiskItem, boolean | number>>, string[]]>([
    ['material base: one «нет» (лабораторное оборудование: химия)', { '1.3.chemistry': false }, ['material-base']],
    ['material base: no Internet', { '1.1': false }, ['material-base']],
    ['staff: 2.1 exactly 10 % is not more than 10 %', { '2.1': 0.1 }, []],
    ['staff: 2.1 at 10.5 %', { '2.1': 0.105 }, ['staff']],
    ['staff: 2.2 at 0 % is fine', { '2.2': 0 }, []],
    ['staff: 2.2 above 0 %', { '2.2': 0.01 }, ['staff']],
    // in floating point 0.001 + 0.008 + 0.07 + 0.021 = 0.10000000000000002
    [
      'contingent: sum exactly 10 % (0.1 % + 0.8 % + 7 % + 2.1 %) is not more than 10 %',
      { '3.1': 0.001, '3.2': 0.008, '3.3': 0.07, '3.4': 0.021 },
      [],
    ],
    ['contingent: sum 11 %', { '3.1': 0.05, '3.2': 0.05, '3.3': 0.01, '3.4': 0 }, ['contingent']],
    ['results: 4.1 and 4.4 at exactly 20 %', { '4.1': 0.2, '4.4': 0.2 }, ['results']],
    ['results: only one of 4.1–4.4 at 20 % or more', { '4.1': 0.5, '4.2': 0.19 }, []],
    ['results: 4.5 exactly 10 % is not more than 10 %', { '4.5': 0.1 }, []],
    ['results: 4.5 at 11 %', { '4.5': 0.11 }, ['results']],
    [
      'several blocks at once, named in the table’s order',
      { '4.5': 0.2, '1.2': false, '2.1': 0.2 },
      ['material-base', 'staff', 'results'],
    ],
  ])('%s', (_name, answers, factors) => {
    const { verdict } = assess(answers);
    expect(verdict.criteria).toEqual(factors);
    expect(verdict.flagged).toBe(factors.length > 0);
  });

  it('evidence names the item, the answer and the threshold', () => {
    const { verdict } = assess({ '1.3.physics': false, '2.2': 0.25, '3.1': 0.1, '3.2': 0.05 });
    expect(verdict.evidence).toEqual([
      { kind: 'answer', criterion: 'material-base', item: '1.3.physics', value: false, source: 'questionnaire' },
      {
        kind: 'answer',
        criterion: 'staff',
        item: '2.2',
        value: 0.25,
        threshold: 0,
        comparison: '>',
        source: 'questionnaire',
      },
      { kind: 'answer', criterion: 'contingent', item: '3.1', value: 0.1, source: 'questionnaire' },
      { kind: 'answer', criterion: 'contingent', item: '3.2', value: 0.05, source: 'questionnaire' },
      { kind: 'answer', criterion: 'contingent', item: '3.3', value: 0, source: 'questionnaire' },
      { kind: 'answer', criterion: 'contingent', item: '3.4', value: 0.01, source: 'questionnaire' },
      expect.objectContaining({ criterion: 'contingent', item: '3.1+3.2+3.3+3.4', threshold: 0.1, comparison: '>' }),
    ]);
    expect(verdict.rules.map((citation) => citation.id)).toEqual(['material-base', 'staff', 'contingent', 'results']);
  });
});

describe('items 4.1–4.4 from imported ВПР results', () => {
  const vpr = (
    subject: string,
    grade: number,
    participants: number,
    failed: number,
    year = '2023/2024',
  ): ResultRow => ({
    schoolCode: 'sch1',
    year,
    procedure: { kind: 'VPR', subject, grade },
    participants,
    failed,
  });

  it('results count when the item is unanswered or the prefilled share is confirmed', () => {
    // 4.1 unanswered; 4.4 answered 20,0 % — the prefill (1 of 5), confirmed
    const { verdict, result } = assess({ '4.1': null, '4.4': 0.2 }, [
      vpr('Математика', 4, 10, 2),
      vpr('Русский язык', 8, 5, 1),
    ]);
    expect(result.resultsYear).toBe('2023/2024');
    expect(verdict.criteria).toEqual(['results']);
    expect(verdict.evidence).toEqual([
      expect.objectContaining({
        item: '4.1',
        value: 0.2,
        source: 'results',
        procedure: 'vpr-math-4',
        participants: 10,
        failed: 2,
      }),
      expect.objectContaining({
        item: '4.4',
        value: 0.2,
        source: 'results',
        procedure: 'vpr-rus-8',
        participants: 5,
        failed: 1,
      }),
    ]);
  });

  it('a corrected 4.3 changes the verdict; the evidence shows both values and who corrected', () => {
    const results = [vpr('Математика', 4, 20, 5), vpr('Русский язык', 4, 20, 2)];
    // prefilled: 4.1 = 25 %, 4.3 = 10 % → one item at 20 % or more: not at risk
    const confirmed = assess({ '4.1': 0.25, '4.3': 0.1 }, results).verdict;
    expect(confirmed.flagged).toBe(false);
    // the director corrects 4.3 to 30 % (e.g. the results file missed a class)
    const questionnaire: RiskQuestionnaire = {
      schoolCode: 'sch1',
      answers: { ...healthy, '4.1': 0.25, '4.3': 0.3 },
      answeredBy: { '4.3': 'Иванова Анна Петровна' },
    };
    const corrected = identifyRiskZone([questionnaire], rules(), { year: '2024/2025', results }).verdicts[0]!;
    expect(corrected.flagged).toBe(true);
    expect(corrected.criteria).toEqual(['results']);
    expect(corrected.evidence).toContainEqual(
      expect.objectContaining({
        item: '4.3',
        value: 0.3,
        source: 'correction',
        resultsValue: 0.1,
        correctedBy: 'Иванова Анна Петровна',
        participants: 20,
        failed: 2,
      }),
    );
  });

  it('a correction downwards takes a school out, and is shown although it does not fire', () => {
    const results = [vpr('Математика', 4, 20, 5), vpr('Русский язык', 4, 20, 6)];
    expect(assess({ '4.1': 0.25, '4.3': 0.3 }, results).verdict.flagged).toBe(true);
    const { verdict } = assess({ '4.1': 0.25, '4.3': 0.15 }, results);
    expect(verdict.flagged).toBe(false);
    expect(verdict.evidence).toEqual([
      expect.objectContaining({ item: '4.3', value: 0.15, source: 'correction', resultsValue: 0.3 }),
    ]);
  });

  it('a difference within the prefill’s rounding (0,1 %) is the accepted prefill, not a correction', () => {
    // 1 of 3 = 33,333… %, prefilled as 33,3 %
    const { verdict } = assess({ '4.1': 0.333, '4.2': 0.333 }, [
      vpr('Математика', 4, 3, 1),
      vpr('Математика', 8, 3, 1),
    ]);
    expect(verdict.evidence.map((entry) => entry.source)).toEqual(['results', 'results']);
  });

  it('the latest year of results is used; older years are not', () => {
    const { verdict } = assess({}, [
      vpr('Математика', 4, 10, 5, '2022/2023'),
      vpr('Математика', 8, 10, 5, '2022/2023'),
      vpr('Математика', 4, 10, 0),
    ]);
    expect(verdict.flagged).toBe(false);
  });

  it('an item without results falls back to the questionnaire', () => {
    const { verdict } = assess({ '4.1': 0.3, '4.3': 0.3 }, [vpr('Математика', 4, 10, 3)]);
    expect(verdict.criteria).toEqual(['results']);
    expect(verdict.evidence.map((e) => [e.item, e.source])).toEqual([
      ['4.1', 'results'],
      ['4.3', 'questionnaire'],
    ]);
  });
});

describe('unanswered items', () => {
  it('an unanswered item that could add a factor makes the status incomplete and is reported', () => {
    const { verdict, result } = assess({ '2.1': null });
    expect(verdict.status).toBe('incomplete');
    expect(verdict.undetermined).toEqual(['staff']);
    expect(result.missing).toEqual([{ schoolCode: 'sch1', year: '2024/2025', items: ['2.1'] }]);
  });

  it('an unanswered material item is reported too', () => {
    const { verdict, result } = assess({ '1.3.technology': null });
    expect(verdict.undetermined).toEqual(['material-base']);
    expect(result.missing[0]!.items).toEqual(['1.3.technology']);
  });

  it('a school flagged on its answers stays flagged whatever is unanswered', () => {
    const { verdict } = assess({ '1.1': false, '2.1': null, '4.5': null });
    expect(verdict.status).toBe('flagged');
    expect(verdict.criteria).toEqual(['material-base']);
    expect(verdict.undetermined).toEqual([]);
  });
});

describe('CLI JSON', () => {
  it('maps a risk-zone result to the `kurator identify --method risk --json` shape', () => {
    const { result } = assess({ '2.1': 0.2, '1.1': null });
    expect(toCliJson(result, new Map([['sch1', 'МБОУ СОШ № 1']]))).toEqual({
      year: '2024/2025',
      method: 'risk',
      schools: [
        {
          code: 'sch1',
          name: 'МБОУ СОШ № 1',
          flagged: true,
          status: 'flagged',
          criteria: ['staff'],
          evidence: [
            { criterion: 'staff', item: '2.1', value: 0.2, threshold: 0.1, comparison: '>', source: 'questionnaire' },
          ],
        },
      ],
      missingYears: [],
      missing: [{ code: 'sch1', year: '2024/2025', items: ['1.1'] }],
    });
  });
});
