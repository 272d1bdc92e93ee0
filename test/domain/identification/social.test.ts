// ШНСУ: a weighted social index; weights and threshold come from the rules file.
import { describe, expect, it } from 'vitest';
import { defaultRules, identifySocial, type SocialRules } from '../../../src/domain/identification/index.ts';

const all = (value: number) => ({
  singleParentFamilies: value,
  lowIncomeFamilies: value,
  parentsWithoutHigherEducation: value,
  pupilsOnRegisters: value,
  pupilsWithSen: value,
  nonNativeSpeakers: value,
});

const run = (indicators: Record<string, number | null>, rules: SocialRules = defaultRules().social) =>
  identifySocial([{ schoolCode: 'sch1', indicators }], rules).verdicts[0]!;

describe('social index', () => {
  it('index exactly at the threshold flags the school; just below does not', () => {
    expect(run(all(0.3)).status).toBe('flagged');
    expect(run(all(0.2999)).status).toBe('clear');
  });

  it('the index is the weighted mean of the shares and each indicator’s part is shown', () => {
    const rules: SocialRules = {
      threshold: 0.3,
      indicators: { lowIncomeFamilies: { weight: 3 }, singleParentFamilies: { weight: 1 } },
    };
    const verdict = run({ lowIncomeFamilies: 0.4, singleParentFamilies: 0 }, rules);
    expect(verdict.index).toBeCloseTo(0.3, 12);
    expect(verdict.flagged).toBe(true);
    expect(verdict.criteria).toEqual(['social-index']);
    expect(verdict.evidence).toEqual([
      { kind: 'index', indicator: 'lowIncomeFamilies', value: 0.4, weight: 3, contribution: expect.closeTo(0.3, 12) },
      { kind: 'index', indicator: 'singleParentFamilies', value: 0, weight: 1, contribution: 0 },
    ]);
  });

  it('an indicator with weight 0 is ignored', () => {
    const rules: SocialRules = { threshold: 0.5, indicators: { a: { weight: 1 }, b: { weight: 0 } } };
    expect(run({ a: 0.6 }, rules).status).toBe('flagged');
  });

  it('unanswered indicators: incomplete when they could reach the threshold, clear when not', () => {
    // five answers of 0.2 and one unanswered: index 1/6 ≈ 0.167, at worst 2/6 ≈ 0.333 >= 0.3
    const undecided = run({ ...all(0.2), nonNativeSpeakers: null });
    expect(undecided.status).toBe('incomplete');
    expect(undecided.undetermined).toEqual(['social-index']);
    // five answers of 0.1 and one unanswered: at worst 0.5/6 + 1/6 = 0.25 < 0.3
    expect(run({ ...all(0.1), nonNativeSpeakers: null }).status).toBe('clear');
  });

  it('an unanswered indicator is reported as missing', () => {
    const result = identifySocial(
      [{ schoolCode: 'sch1', indicators: { ...all(0.5), pupilsWithSen: null } }],
      defaultRules().social,
      {
        year: '2024/2025',
      },
    );
    expect(result.verdicts[0]!.status).toBe('flagged'); // 5 × 0.5 / 6 ≈ 0.417 already
    expect(result.missing).toEqual([{ schoolCode: 'sch1', year: '2024/2025', items: ['pupilsWithSen'] }]);
  });

  it('the rule text says that the weights are the committee’s', () => {
    expect(run(all(0)).rules[0]!.noteKey).toBe('identify-social-note-weights');
  });
});
