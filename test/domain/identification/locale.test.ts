// Every key the identification domain returns has Russian text in locales/ru/identify.ftl.
import { readFileSync } from 'node:fs';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import {
  CONTINGENT_ITEMS,
  MATERIAL_BASE_ITEMS,
  REGIONAL_CRITERIA,
  VPR_RISK_ITEMS,
  criterionLabelKey,
  defaultRules,
  fiocoCitations,
  identifySocial,
  methodLabelKey,
  parseRules,
  parseRulesJson,
  riskItemLabelKey,
  socialIndicatorLabelKey,
  statusLabelKey,
} from '../../../src/domain/identification/index.ts';

const source = readFileSync(new URL('../../../locales/ru/identify.ftl', import.meta.url), 'utf8');
const bundle = new FluentBundle('ru', { useIsolating: false });
const parseErrors = bundle.addResource(new FluentResource(source));

function render(key: string, params: Record<string, string | number> = {}): string {
  const message = bundle.getMessage(key);
  if (message?.value == null) throw new Error(`no message ${key}`);
  const errors: Error[] = [];
  const text = bundle.formatPattern(message.value, params, errors);
  if (errors.length > 0) throw new Error(`${key}: ${errors.map(String).join('; ')}`);
  return text;
}

describe('locales/ru/identify.ftl', () => {
  it('parses without errors and every key is prefixed identify-', () => {
    expect(parseErrors).toEqual([]);
    const keys = [...source.matchAll(/^([a-z][a-z0-9-]*) =/gm)].map((match) => match[1]!);
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((key) => !key.startsWith('identify-'))).toEqual([]);
  });

  it('names every method, status, criterion and questionnaire item', () => {
    const keys = [
      ...(['fioco', 'risk', 'regional', 'social'] as const).map(methodLabelKey),
      ...(['flagged', 'clear', 'incomplete'] as const).map(statusLabelKey),
      ...[
        'two-procedures',
        'two-years',
        'material-base',
        'staff',
        'contingent',
        'results',
        'social-index',
        ...REGIONAL_CRITERIA,
      ].map(criterionLabelKey),
      ...[...MATERIAL_BASE_ITEMS, '2.1', '2.2', ...CONTINGENT_ITEMS, ...VPR_RISK_ITEMS, '4.5'].map(riskItemLabelKey),
      ...Object.keys(defaultRules().social.indicators).map(socialIndicatorLabelKey),
    ];
    for (const key of keys) expect(bundle.hasMessage(key), key).toBe(true);
    expect(render('identify-criterion-two-years', { year: '2023/2024', previousYear: '2022/2023' })).toBe(
      'низкие результаты хотя бы по одной процедуре и в 2023/2024, и в 2022/2023',
    );
  });

  it('renders every rules-file error a user can get', () => {
    const inputs: unknown[] = [
      { fioco: { threshold: 30, minParticipants: 2.5, treshold: 1 } },
      { fioco: { minParticipants: 0 } },
      { fioco: { procedures: [{ id: 'A', label: 'x', kind: 'X', subjects: [], grade: 12 }] } },
      { fioco: { minLowProcedures: 10 } },
      { risk: { staff: { overloadedTeachersAbove: '10%' } } },
      { regional: { regionFigures: { '2023/2025': {} } }, social: { indicators: { 'a b': { weight: 1 } } } },
      { regional: { criteria: ['lowest-results'], minCriteria: 2 } },
      { social: { indicators: { a: { weight: 0 } } } },
      {
        fioco: {
          procedures: [
            { id: 'a', label: 'a', kind: 'VPR', subjects: ['М'], grade: 5 },
            { id: 'a', label: 'b', kind: 'VPR', subjects: ['М'], grade: 5 },
          ],
        },
      },
    ];
    const errors = inputs.flatMap((input) => {
      const parsed = parseRules(input);
      return parsed.ok ? [] : parsed.errors;
    });
    const json = parseRulesJson('{');
    if (!json.ok) errors.push(...json.errors);
    expect(new Set(errors.map((error) => error.reason)).size).toBeGreaterThan(12);
    for (const error of errors) {
      const text = render(error.reason, error.params);
      expect(text).toContain(error.key);
    }
    expect(render('identify-rules-error-fraction', { key: 'fioco.threshold', value: 30 })).toBe(
      'fioco.threshold: доля записывается дробью от 0 до 1 (30 % — это 0.3), а указано 30.',
    );
  });

  it('renders the notes attached to rule citations', () => {
    const rules = defaultRules().fioco;
    const notes = fiocoCitations({ ...rules, threshold: 0.25, minLowProcedures: 3, sameProcedureInBothYears: true })
      .concat(identifySocial([], defaultRules().social).rules)
      .filter((citation) => citation.noteKey !== undefined);
    expect(notes.map((citation) => citation.noteKey)).toEqual([
      'identify-fioco-note-threshold',
      'identify-fioco-note-min-low',
      'identify-fioco-note-same-procedure',
      'identify-social-note-weights',
    ]);
    for (const citation of notes) render(citation.noteKey!, citation.noteParams ?? {});
    expect(render('identify-fioco-note-threshold', { thresholdPercent: 0.29 * 100, minParticipants: 5 })).toBe(
      'По правилам региона порог низкого результата — 29 %, процедура учитывается при числе участников от 5.',
    );
    expect(render('identify-evidence-answer-share', { item: '2.1', valuePercent: 10.5, thresholdPercent: 10 })).toBe(
      '2.1: 10,5 % (порог 10 %)',
    );
  });

  it('renders the evidence and missing-data messages', () => {
    expect(
      render('identify-evidence-result', {
        procedure: 'ОГЭ по математике',
        year: '2023/2024',
        failed: 3,
        participants: 10,
        sharePercent: (3 / 10) * 100,
        thresholdPercent: 0.3 * 100,
      }),
    ).toBe('ОГЭ по математике, 2023/2024: не справились 3 из 10 — 30 % (порог 30 %)');
    render('identify-missing-year', { year: '2022/2023' });
    render('identify-missing-school', { school: 'МБОУ СОШ № 8', year: '2022/2023', items: 'ОГЭ по математике' });
    render('identify-error-year-format', { year: '2023-2024' });
  });
});
