// ШНСУ: the index of social well-being from the school passport — the project's proposal (no seed
// gives a formula); higher = better, flagged below the threshold; weights, directions and the
// threshold come from the rules file.
import { describe, expect, it } from 'vitest';
import { defaultRules, identifySocial, type SocialRules } from '../../../src/domain/identification/index.ts';

/** Every default indicator at the same well-being w (adverse ones get share 1 − w). */
const wellAt = (w: number) => ({
  lowIncomeFamilies: 1 - w,
  singleParentFamilies: 1 - w,
  familiesAtRisk: 1 - w,
  parentsWithHigherEducation: w,
  pupilsAtRisk: 1 - w,
  supportSpecialist: w,
  extracurricular: w,
  parentsAtMeetings: w,
});

const run = (indicators: Record<string, number | boolean | null>, rules: SocialRules = defaultRules().social) =>
  identifySocial([{ schoolCode: 'sch1', indicators }], rules).verdicts[0]!;

describe('index of social well-being (higher = better)', () => {
  it('a school below the threshold (0.6) is flagged; at the threshold it is not', () => {
    expect(run(wellAt(0.5)).status).toBe('flagged');
    expect(run(wellAt(0.6)).status).toBe('clear');
    expect(run(wellAt(0.9)).index).toBeCloseTo(0.9, 12);
  });

  it('adverse shares count as 1 − share, favourable ones as they are; yes/no is 1/0; each indicator is shown', () => {
    const rules: SocialRules = {
      threshold: 0.6,
      indicators: {
        lowIncomeFamilies: { weight: 3, direction: 'adverse' },
        supportSpecialist: { weight: 1, direction: 'favourable' },
      },
    };
    const verdict = run({ lowIncomeFamilies: 0.6, supportSpecialist: false }, rules);
    // (3 × 0.4 + 1 × 0) / 4 = 0.3
    expect(verdict.index).toBeCloseTo(0.3, 12);
    expect(verdict.flagged).toBe(true);
    expect(verdict.criteria).toEqual(['social-index']);
    expect(verdict.evidence).toEqual([
      {
        kind: 'index',
        indicator: 'lowIncomeFamilies',
        value: 0.6,
        weight: 3,
        direction: 'adverse',
        wellBeing: expect.closeTo(0.4, 12),
        contribution: expect.closeTo(0.3, 12),
      },
      {
        kind: 'index',
        indicator: 'supportSpecialist',
        value: 0,
        weight: 1,
        direction: 'favourable',
        wellBeing: 0,
        contribution: 0,
        answer: false,
      },
    ]);
  });

  it('an indicator with weight 0 is ignored', () => {
    const rules: SocialRules = {
      threshold: 0.5,
      indicators: { a: { weight: 1, direction: 'favourable' }, b: { weight: 0, direction: 'favourable' } },
    };
    expect(run({ a: 0.4 }, rules).status).toBe('flagged');
  });

  it('unanswered indicators bound the index: incomplete when they could bring it under, clear when not', () => {
    // seven at 0.5 well-being, one unanswered: between 3.5/8 and 4.5/8 — always < 0.6: flagged
    expect(run({ ...wellAt(0.5), parentsAtMeetings: null }).status).toBe('flagged');
    // seven at 0.65: between 4.55/8 ≈ 0.569 and 5.55/8 ≈ 0.694 → could be under: incomplete
    const undecided = run({ ...wellAt(0.65), parentsAtMeetings: null });
    expect(undecided.status).toBe('incomplete');
    expect(undecided.undetermined).toEqual(['social-index']);
    // seven at 0.8: at worst 5.6/8 = 0.7 ≥ 0.6: clear
    expect(run({ ...wellAt(0.8), parentsAtMeetings: null }).status).toBe('clear');
  });

  it('an unanswered indicator is reported as missing', () => {
    const result = identifySocial(
      [{ schoolCode: 'sch1', indicators: { ...wellAt(0.5), pupilsAtRisk: null } }],
      defaultRules().social,
      { year: '2024/2025' },
    );
    expect(result.missing).toEqual([{ schoolCode: 'sch1', year: '2024/2025', items: ['pupilsAtRisk'] }]);
  });

  it('the defaults read the eight items of the school passport', () => {
    const indicators = defaultRules().social.indicators;
    expect(Object.values(indicators).map((indicator) => indicator.item)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
    ]);
    expect(defaultRules().social.threshold).toBe(0.6);
  });

  it('the rule text says that the formula is the project’s proposal for the committee', () => {
    expect(run(wellAt(0)).rules[0]!.noteKey).toBe('identify-social-note-weights');
  });
});
