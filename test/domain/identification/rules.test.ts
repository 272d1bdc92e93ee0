// The rules file: defaults from the seeds, invalid values rejected with the key and the reason.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules, parseRulesJson } from '../../../src/domain/identification/index.ts';

const defaultJson = readFileSync(
  new URL('../../../src/domain/identification/rules.default.json', import.meta.url),
  'utf8',
);

describe('defaults', () => {
  it('an empty rules file is complete: seed 003 §2.1 and §3.2, seed 001', () => {
    const rules = defaultRules();
    expect(rules.fioco.threshold).toBe(0.3);
    expect(rules.fioco.minParticipants).toBe(1);
    expect(rules.fioco.minLowProcedures).toBe(2);
    expect(rules.fioco.sameProcedureInBothYears).toBe(false);
    expect(rules.fioco.procedures.map((p) => p.id)).toEqual([
      'vpr-math-5',
      'vpr-math-6',
      'vpr-rus-5',
      'vpr-rus-6',
      'oge-math',
      'oge-rus',
      'ege-math-base',
      'ege-math-profile',
      'ege-rus',
    ]);
    expect(rules.risk.staff).toEqual({ overloadedTeachersAbove: 0.1, teachersWithoutRetrainingAbove: 0 });
    expect(rules.risk.contingent.sumAbove).toBe(0.1);
    expect(rules.risk.results).toMatchObject({ vprFailedAtLeast: 0.2, minVprItems: 2, nonProgressingAbove: 0.1 });
    expect(rules.regional).toMatchObject({ continuationBelow: 0.6, olympiadAtMost: 0.005, minCriteria: 1 });
    expect(rules.regional.lowest).toEqual({
      share: 0.2,
      years: 3,
      kinds: ['VPR', 'OGE', 'EGE'],
      weights: { VPR: 1, OGE: 1, EGE: 1 },
    });
    expect(rules.regional.listCriteria).toEqual(['lowest-results']);
    expect(rules.regional.failedRising).toEqual({ minIncrease: 0.05, minParticipants: 10 });
    expect(Object.keys(rules.social.indicators)).toHaveLength(8);
  });

  it('rules.default.json is a valid rules file equal to the built-in defaults', () => {
    const parsed = parseRulesJson(defaultJson);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.rules).toEqual(defaultRules());
  });

  it('a partial file keeps the defaults of the keys it leaves out', () => {
    const parsed = parseRules({ region: 'Красноярский край', fioco: { sameProcedureInBothYears: true } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rules.fioco.sameProcedureInBothYears).toBe(true);
    expect(parsed.rules.fioco.threshold).toBe(0.3);
    expect(parsed.rules.fioco.procedures).toHaveLength(9);
    expect(parsed.rules.risk.staff.overloadedTeachersAbove).toBe(0.1);
  });

  it('defaults are fresh copies: changing one run’s rules does not leak into the next', () => {
    const first = defaultRules();
    first.fioco.procedures.pop();
    first.social.indicators.singleParentFamilies!.weight = 9;
    const second = defaultRules();
    expect(second.fioco.procedures).toHaveLength(9);
    expect(second.social.indicators.singleParentFamilies!.weight).toBe(1);
  });
});

describe('invalid values are rejected with the key and the reason', () => {
  it.each([
    ['30 instead of 0.3', { fioco: { threshold: 30 } }, 'fioco.threshold', 'identify-rules-error-fraction'],
    ['a zero threshold', { fioco: { threshold: 0 } }, 'fioco.threshold', 'identify-rules-error-fraction'],
    [
      'a negative share',
      { risk: { contingent: { sumAbove: -0.1 } } },
      'risk.contingent.sumAbove',
      'identify-rules-error-fraction',
    ],
    [
      'a share as text',
      { risk: { staff: { overloadedTeachersAbove: '10%' } } },
      'risk.staff.overloadedTeachersAbove',
      'identify-rules-error-type',
    ],
    [
      'a fractional count',
      { fioco: { minParticipants: 2.5 } },
      'fioco.minParticipants',
      'identify-rules-error-integer',
    ],
    [
      'zero minimum participants',
      { fioco: { minParticipants: 0 } },
      'fioco.minParticipants',
      'identify-rules-error-too-small',
    ],
    ['a misspelt key', { fioco: { treshold: 0.3 } }, 'fioco.treshold', 'identify-rules-error-unknown-key'],
    ['an unknown section', { fiocco: {} }, 'fiocco', 'identify-rules-error-unknown-key'],
    [
      'yes/no as text',
      { fioco: { sameProcedureInBothYears: 'да' } },
      'fioco.sameProcedureInBothYears',
      'identify-rules-error-type',
    ],
    [
      'an unknown kind',
      { fioco: { procedures: [{ id: 'x', label: 'x', kind: 'GIA', subjects: ['Математика'], grade: 9 }] } },
      'fioco.procedures.0.kind',
      'identify-rules-error-not-allowed',
    ],
    [
      'grade 12',
      { fioco: { procedures: [{ id: 'x', label: 'x', kind: 'VPR', subjects: ['Математика'], grade: 12 }] } },
      'fioco.procedures.0.grade',
      'identify-rules-error-too-big',
    ],
    [
      'no subjects',
      { fioco: { procedures: [{ id: 'x', label: 'x', kind: 'VPR', subjects: [], grade: 5 }] } },
      'fioco.procedures.0.subjects',
      'identify-rules-error-too-few',
    ],
    [
      'an id with capitals and spaces',
      { fioco: { procedures: [{ id: 'ВПР 5', label: 'x', kind: 'VPR', subjects: ['Математика'], grade: 5 }] } },
      'fioco.procedures.0.id',
      'identify-rules-error-id-format',
    ],
    ['an empty procedure list', { fioco: { procedures: [] } }, 'fioco.procedures', 'identify-rules-error-too-few'],
    [
      'an unknown material item',
      { risk: { materialBase: { items: ['1.4'] } } },
      'risk.materialBase.items.0',
      'identify-rules-error-not-allowed',
    ],
    [
      'a bad academic year',
      { regional: { regionFigures: { '2023/2025': {} } } },
      'regional.regionFigures.2023/2025',
      'identify-rules-error-academic-year',
    ],
    [
      'an unknown criterion',
      { regional: { criteria: ['top-20'] } },
      'regional.criteria.0',
      'identify-rules-error-not-allowed',
    ],
    [
      'a negative weight',
      { social: { indicators: { lowIncomeFamilies: { weight: -1 } } } },
      'social.indicators.lowIncomeFamilies.weight',
      'identify-rules-error-too-small',
    ],
    [
      'an indicator name with spaces',
      { social: { indicators: { 'low income': { weight: 1 } } } },
      'social.indicators.low income',
      'identify-rules-error-indicator-name',
    ],
    [
      'all weights zero',
      { social: { indicators: { lowIncomeFamilies: { weight: 0 } } } },
      'social.indicators',
      'identify-rules-error-no-positive-weight',
    ],
    [
      'criterion 1 needing more procedures than listed',
      { fioco: { minLowProcedures: 10 } },
      'fioco.minLowProcedures',
      'identify-rules-error-more-than-procedures',
    ],
    [
      'a list criterion that is not enabled',
      { regional: { criteria: ['lowest-results'], listCriteria: ['lowest-results', 'olympiad-low'] } },
      'regional.listCriteria.1',
      'identify-rules-error-list-criterion-off',
    ],
    [
      'composite weights summing to zero',
      { regional: { lowest: { weights: { VPR: 0, OGE: 0, EGE: 0 } } } },
      'regional.lowest.weights',
      'identify-rules-error-no-positive-weight',
    ],
    [
      'a negative rise threshold',
      { regional: { failedRising: { minIncrease: -0.05 } } },
      'regional.failedRising.minIncrease',
      'identify-rules-error-fraction',
    ],
    [
      'a misspelt key in the rising rule',
      { regional: { failedRising: { minIncrese: 0.05 } } },
      'regional.failedRising.minIncrese',
      'identify-rules-error-unknown-key',
    ],
    [
      'more criteria than enabled',
      { regional: { criteria: ['lowest-results'], listCriteria: ['lowest-results'], minCriteria: 2 } },
      'regional.minCriteria',
      'identify-rules-error-more-than-criteria',
    ],
  ])('%s', (_name, input, key, reason) => {
    const parsed = parseRules(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toContainEqual(expect.objectContaining({ key, reason }));
    const error = parsed.errors.find((candidate) => candidate.key === key)!;
    expect(error.params.key).toBe(key);
  });

  it('the reason carries what the message needs: the wrong value and the limit', () => {
    const parsed = parseRules({ fioco: { threshold: 30 } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      {
        key: 'fioco.threshold',
        reason: 'identify-rules-error-fraction',
        params: { key: 'fioco.threshold', value: 30, maximum: 1, inclusive: 'yes' },
      },
    ]);
  });

  it('every invalid key is reported, not only the first', () => {
    const parsed = parseRules({
      fioco: { threshold: 2, minParticipants: -1 },
      risk: { staff: { overloadedTeachersAbove: 5 } },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.map((error) => error.key).sort()).toEqual([
        'fioco.minParticipants',
        'fioco.threshold',
        'risk.staff.overloadedTeachersAbove',
      ]);
    }
  });

  it('two procedures with one id, or claiming the same rows, are refused', () => {
    const spec = { id: 'a', label: 'a', kind: 'VPR', subjects: ['Математика'], grade: 5 };
    const parsed = parseRules({ fioco: { procedures: [spec, { ...spec, subjects: ['математика '] }] } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toContainEqual(
      expect.objectContaining({ key: 'fioco.procedures.1.id', reason: 'identify-rules-error-duplicate-id' }),
    );
    expect(parsed.errors).toContainEqual(
      expect.objectContaining({ key: 'fioco.procedures.1.subjects', reason: 'identify-rules-error-procedure-overlap' }),
    );
  });

  it('a JSON syntax error is reported as such', () => {
    const parsed = parseRulesJson('{ "fioco": { "threshold": 0.3, } }');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatchObject({ key: '', reason: 'identify-rules-error-json' });
  });

  it('not an object at all', () => {
    const parsed = parseRules([1, 2]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatchObject({ key: '', reason: 'identify-rules-error-type' });
  });
});
