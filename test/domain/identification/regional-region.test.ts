// Acceptance (issue 11): on a realistic synthetic region (240 schools, 12 municipalities, three
// years, ВПР grades 4–8, ОГЭ and ЕГЭ) the regional method of seed 001 flags between 15 % and 25 %
// of schools with the default rules, and every flagged school is there for a reason it shows.
import { describe, expect, it } from 'vitest';
import {
  contextFromContingent,
  defaultRules,
  identifyRegional,
  REGIONAL_CRITERIA,
} from '../../../src/domain/identification/index.ts';
import { syntheticRegion } from '../../helpers/syntheticRegion.ts';

const region = syntheticRegion({ schools: 240, seed: 2024 });
const L = '2023/2024';

describe('the regional method on a synthetic region of 240 schools', () => {
  const rules = defaultRules().regional;
  const context = contextFromContingent(region.contingent, L);
  const result = identifyRegional(region.rows, rules, { year: L, context });
  const flagged = result.verdicts.filter((verdict) => verdict.flagged);

  it('flags between 15 % and 25 % of the schools by default (the lowest fifth)', () => {
    expect(result.verdicts).toHaveLength(240);
    const share = flagged.length / result.verdicts.length;
    expect(share).toBeGreaterThanOrEqual(0.15);
    expect(share).toBeLessThanOrEqual(0.25);
    expect(result.lowestCutOff).toMatchObject({ ranked: 240, selected: flagged.length });
  });

  it('every flagged school is among the lowest by the composite: its rank, the cut-off and the parts', () => {
    for (const verdict of flagged) {
      expect(verdict.criteria).toEqual(['lowest-results']);
      const lowest = verdict.evidence.find((entry) => entry.criterion === 'lowest-results')!;
      expect(lowest.reference).toBe('cut-off');
      expect(lowest.rank).toBeLessThanOrEqual(result.lowestCutOff!.selected);
      expect(lowest.value).toBeGreaterThanOrEqual(result.lowestCutOff!.share);
      // the composite is the weighted mean of the kinds' ratios to the region, shown part by part
      const parts = lowest.parts!;
      expect(parts.map((part) => part.kind)).toEqual(expect.arrayContaining(['VPR', 'OGE']));
      const recomputed =
        parts.reduce((sum, part) => sum + (part.weight * part.share) / part.regionShare, 0) /
        parts.reduce((sum, part) => sum + part.weight, 0);
      expect(lowest.value).toBeCloseTo(recomputed, 12);
      for (const part of parts) expect(part.share).toBeCloseTo(part.failed / part.participants, 12);
    }
    // and no school outside the list has a composite at or above the cut-off
    for (const verdict of result.verdicts.filter((v) => !v.flagged))
      expect(verdict.evidence.some((entry) => entry.criterion === 'lowest-results')).toBe(false);
  });

  it('the other criteria are evaluated for every school and shown as «также» flags, not as tickets', () => {
    expect(result.notEvaluated).toEqual([]);
    const alsoOnly = result.verdicts.filter((verdict) => !verdict.flagged && verdict.also.length > 0);
    expect(alsoOnly.length).toBeGreaterThan(0);
    for (const verdict of alsoOnly) {
      expect(verdict.status).toBe('clear');
      for (const criterion of verdict.also)
        expect(verdict.evidence.some((entry) => entry.criterion === criterion)).toBe(true);
    }
    // both main criteria ran for every school: none is missing continuation or olympiad data
    expect(
      result.missing.filter((gap) => gap.items.includes('continuation') || gap.items.includes('olympiad')),
    ).toEqual([]);
  });

  it('the old reading (any one of the nine criteria is a ticket) would flag most of the region', () => {
    const old = identifyRegional(region.rows, { ...rules, listCriteria: [...REGIONAL_CRITERIA] }, { year: L, context });
    const share = old.verdicts.filter((verdict) => verdict.flagged).length / old.verdicts.length;
    expect(share).toBeGreaterThan(0.5);
  });

  it('the weak schools of the generator are the ones on the list', () => {
    const quality = new Map(region.schools.map((school) => [school.code, school.quality]));
    const mean = (codes: string[]) => codes.reduce((sum, code) => sum + quality.get(code)!, 0) / codes.length;
    const onList = flagged.map((verdict) => verdict.schoolCode);
    const others = result.verdicts.filter((verdict) => !verdict.flagged).map((verdict) => verdict.schoolCode);
    expect(mean(onList)).toBeLessThan(mean(others) - 0.1);
  });
});
