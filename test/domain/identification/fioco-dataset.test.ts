// Acceptance (issue #4): on the hand-checked dataset, `kurator identify --method fioco --json`
// returns exactly the expected list with evidence. The expected files were worked out by hand
// from seed 003 §2.1; the `covers` field of each school in the dataset says what it checks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../src/domain/results/types.ts';
import { defaultRules, identifyFioco, toCliJson } from '../../../src/domain/identification/index.ts';

const fixtures = new URL('../../fixtures/identification/', import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));

interface Dataset {
  schools: Array<{ code: string; name: string; covers: string }>;
  rows: ResultRow[];
}
const dataset = readJson('fioco-dataset.json') as Dataset;
const names = new Map(dataset.schools.map((school) => [school.code, school.name]));

describe('fioco on the hand-checked dataset', () => {
  it('default rules: the CLI JSON equals fioco-expected.json', () => {
    const result = identifyFioco(dataset.rows, defaultRules().fioco);
    expect(toCliJson(result, names)).toEqual(readJson('fioco-expected.json'));
  });

  it('same-procedure variant: the CLI JSON equals fioco-expected-same-procedure.json', () => {
    const rules = defaultRules();
    rules.fioco.sameProcedureInBothYears = true;
    const result = identifyFioco(dataset.rows, rules.fioco);
    expect(toCliJson(result, names)).toEqual(readJson('fioco-expected-same-procedure.json'));
  });

  it('a school with only non-ФИОКО procedures is not listed', () => {
    const result = identifyFioco(dataset.rows, defaultRules().fioco);
    expect(result.verdicts.map((verdict) => verdict.schoolCode)).not.toContain('sch100027');
    expect(dataset.schools.map((school) => school.code)).toContain('sch100027');
  });

  it('toCliJson accepts a plain object of names and gives null for an unknown code', () => {
    const result = identifyFioco(dataset.rows, defaultRules().fioco);
    const json = toCliJson(result, { sch100001: 'Школа один' });
    expect(json.schools[0]).toMatchObject({ code: 'sch100001', name: 'Школа один' });
    expect(json.schools[1]).toMatchObject({ code: 'sch100002', name: null });
  });
});
