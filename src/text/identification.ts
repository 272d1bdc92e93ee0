/**
 * Russian wording of identification results, shared by the bot, the CLI and the .xlsx report
 * (like i18n.ts, which it builds on): method names, criteria, evidence, summaries. Everything
 * is rendered from locales/ru/identify.ftl with the caller's `t`.
 */
import type { Comparison, Evidence, IdentificationMethod } from '../domain/identification/index.ts';
import {
  CONTINGENT_ITEMS,
  MATERIAL_BASE_ITEMS,
  REGIONAL_CRITERIA,
  VPR_RISK_ITEMS,
  criterionLabelKey,
  defaultRules,
  methodLabelKey,
  riskItemLabelKey,
  socialIndicatorLabelKey,
  statusLabelKey,
} from '../domain/identification/index.ts';
import { formatDateTime, formatNumber, formatPercent, splitLines } from './format.ts';
import type {
  IdentificationSummary,
  MethodRunView,
  MunicipalityChanges,
  SchoolRef,
  ScopeView,
} from '../services/identification/index.ts';
import type { Translate } from '../domain/translate.ts';

/** Labels a run carries: procedure / indicator id → Russian label from the rules. */
type Labels = Readonly<Record<string, string>>;

export const formatRanAt = formatDateTime;
/** Shares go to Fluent as percents (0–100), as identify.ftl expects. */
const percent = (share: number): number => share * 100;

export const methodName = (t: Translate, method: IdentificationMethod): string => t(methodLabelKey(method));

export const statusName = (t: Translate, status: string): string => t(statusLabelKey(status as 'flagged'));

export function scopeName(t: Translate, scope: ScopeView): string {
  if (scope.kind === 'municipality') return scope.name ?? '';
  if (scope.kind === 'region' && scope.name) return t('identify-scope-region', { name: scope.name });
  return t('identify-scope-all');
}

function criterionText(
  t: Translate,
  criterion: string,
  run: { year: string | null; previousYear: string | null },
): string {
  return t(criterionLabelKey(criterion), { year: run.year ?? '', previousYear: run.previousYear ?? '' });
}

export function criteriaText(
  t: Translate,
  criteria: readonly string[],
  run: { year: string | null; previousYear: string | null },
): string {
  return criteria.map((criterion) => criterionText(t, criterion, run)).join('; ');
}

/** Items and indicators that have a locale key (custom ones are named by the rules file). */
const RISK_ITEMS_WITH_LABELS = new Set<string>([
  ...MATERIAL_BASE_ITEMS,
  '2.1',
  '2.2',
  ...CONTINGENT_ITEMS,
  ...VPR_RISK_ITEMS,
  '4.5',
]);
let socialIndicatorsWithLabels: Set<string> | undefined; // on first use: parsing the default rules costs a CLI start

/** A risk questionnaire item (`2.1`, `1.3.physics`, a sum `3.1+3.2+…`) in words. */
export function itemText(t: Translate, item: string, labels: Labels = {}): string {
  if (item.includes('+')) return t('identify-risk-item-sum', { items: item.replace(/\+/g, ' + ') });
  return RISK_ITEMS_WITH_LABELS.has(item) ? t(riskItemLabelKey(item)) : (labels[item] ?? item);
}

/** A social indicator in words: the rules file's label, else the default's locale text. */
export function indicatorText(t: Translate, indicator: string, labels: Labels = {}): string {
  if (labels[indicator]) return labels[indicator];
  socialIndicatorsWithLabels ??= new Set(Object.keys(defaultRules().social.indicators));
  return socialIndicatorsWithLabels.has(indicator) ? t(socialIndicatorLabelKey(indicator)) : indicator;
}

const CRITERIA_WITH_LABELS = new Set<string>([
  'two-procedures',
  'two-years',
  'material-base',
  'staff',
  'contingent',
  'results',
  'social-index',
  ...REGIONAL_CRITERIA,
]);

/** What a quoted rule states: a criterion, or the method's definition (`low-result`, `procedures`). */
export function citationTitle(
  t: Translate,
  id: string,
  run: { year: string | null; previousYear: string | null },
): string {
  return CRITERIA_WITH_LABELS.has(id) ? criterionText(t, id, run) : t('identify-rule-definition');
}

export const procedureText = (procedure: string | undefined, labels: Labels): string =>
  procedure === undefined ? '' : (labels[procedure] ?? procedure);

const COMPARISON_WORD: Record<Comparison, string> = { '>': 'gt', '>=': 'ge', '<': 'lt', '<=': 'le' };

/** Mean scores are points, every other indicator value is a share. */
export const isScoreCriterion = (criterion: string): boolean => criterion.includes('-mean-');

const KIND_NAME: Record<string, string> = { VPR: 'ВПР', OGE: 'ОГЭ', EGE: 'ЕГЭ' };

/** One line of evidence: the procedure or item, the figures and the threshold. */
export function evidenceText(t: Translate, evidence: Evidence, labels: Labels): string {
  switch (evidence.kind) {
    case 'result':
      return t('identify-evidence-result', {
        procedure: procedureText(evidence.procedure, labels),
        year: evidence.year,
        failed: evidence.failed,
        participants: evidence.participants,
        sharePercent: percent(evidence.share),
        thresholdPercent: percent(evidence.threshold),
      });
    case 'answer': {
      const item = itemText(t, evidence.item, labels);
      if (evidence.value === false) return t('identify-evidence-answer-no', { item });
      const valuePercent = percent(Number(evidence.value));
      if (evidence.source === 'correction') {
        return t('identify-evidence-answer-corrected', {
          item,
          valuePercent,
          resultsPercent: percent(evidence.resultsValue ?? 0),
          failed: evidence.failed ?? 0,
          participants: evidence.participants ?? 0,
          year: evidence.year ?? '',
          by: evidence.correctedBy ?? '—',
          thresholdPercent: percent(evidence.threshold ?? 0),
        });
      }
      if (evidence.source === 'results' && evidence.participants !== undefined) {
        return t('identify-evidence-answer-results', {
          item,
          procedure: procedureText(evidence.procedure, labels),
          year: evidence.year ?? '',
          failed: evidence.failed ?? 0,
          participants: evidence.participants,
          valuePercent,
          thresholdPercent: percent(evidence.threshold ?? 0),
        });
      }
      if (evidence.threshold === undefined) return t('identify-evidence-answer-value', { item, valuePercent });
      return t('identify-evidence-answer-share', { item, valuePercent, thresholdPercent: percent(evidence.threshold) });
    }
    case 'index':
      if (evidence.answer !== undefined)
        return t('identify-evidence-index-yes-no', {
          indicator: indicatorText(t, evidence.indicator, labels),
          answer: t(evidence.answer ? 'identify-answer-yes' : 'identify-answer-no'),
          weight: evidence.weight,
        });
      return t('identify-evidence-index', {
        indicator: indicatorText(t, evidence.indicator, labels),
        valuePercent: percent(evidence.value),
        weight: evidence.weight,
        direction: evidence.direction ?? 'favourable',
        wellPercent: percent(evidence.wellBeing ?? evidence.value),
      });
    case 'indicator': {
      // the lowest-results composite is a ratio to the region (1 = as the region), not a share
      const show = (value: number) =>
        isScoreCriterion(evidence.criterion) || evidence.reference === 'cut-off'
          ? formatNumber(value)
          : formatPercent(value);
      const vars = {
        procedure: procedureText(evidence.procedure, labels),
        criterion: t(criterionLabelKey(evidence.criterion), { year: evidence.year, previousYear: '' }),
        year: evidence.year,
        value: show(evidence.value),
        compareTo: show(evidence.compareTo),
        comparison: t('identify-comparison', { comparison: COMPARISON_WORD[evidence.comparison] }),
        referenceYear: evidence.referenceYear ?? '',
        rank: evidence.rank ?? 0,
        ranked: evidence.ranked ?? 0,
      };
      switch (evidence.reference) {
        case 'region':
          return t('identify-evidence-indicator-region', vars);
        case 'previous-year':
          return t('identify-evidence-indicator-previous', vars);
        case 'cut-off':
          return t('identify-evidence-indicator-cut-off', {
            ...vars,
            parts: (evidence.parts ?? [])
              .map((part) =>
                t('identify-evidence-composite-part', {
                  kind: KIND_NAME[part.kind] ?? part.kind,
                  failed: part.failed,
                  participants: part.participants,
                  share: formatPercent(part.share),
                  regionShare: formatPercent(part.regionShare),
                }),
              )
              .join('; '),
          });
        case 'threshold':
          return t('identify-evidence-indicator-threshold', vars);
      }
    }
  }
}

const refList = (schools: readonly SchoolRef[]): string =>
  schools.map((school) => `${school.code} ${school.name}`).join(', ');

/** Per method: N of M, what changed since the previous run, and (optionally) who is flagged. */
export function methodSummaryLines(t: Translate, run: MethodRunView, options: { listFlagged?: number } = {}): string[] {
  const lines = [
    t('identify-summary-method', {
      method: methodName(t, run.method),
      year: run.year ?? t('identify-summary-no-year'),
      flagged: run.counts.flagged,
      evaluated: run.counts.evaluated,
      incomplete: run.counts.incomplete,
    }),
  ];
  if (run.look) lines.push(t('identify-summary-look-note'));
  else if (run.previousRun === null) lines.push(t('identify-summary-first-run'));
  else if (run.entered.length === 0 && run.left.length === 0)
    lines.push(t('identify-summary-no-change', { date: formatRanAt(run.previousRun.ranAt) }));
  else {
    lines.push(t('identify-summary-changes', { date: formatRanAt(run.previousRun.ranAt) }));
    if (run.entered.length) lines.push(`  ${t('identify-summary-entered', { schools: refList(run.entered) })}`);
    if (run.left.length) lines.push(`  ${t('identify-summary-left', { schools: refList(run.left) })}`);
  }
  if (run.notEvaluated.length) {
    lines.push(t('identify-not-evaluated', { criteria: criteriaText(t, run.notEvaluated, run), year: run.year ?? '' }));
  }
  const coverageLine = coverageText(t, run);
  if (coverageLine) lines.push(coverageLine);
  if (run.method === 'social' && run.passports)
    lines.push(t('identify-social-passports', { filled: run.passports.filled, schools: run.passports.schools }));
  const limit = options.listFlagged ?? 0;
  if (limit > 0) {
    const flagged = run.verdicts.filter((verdict) => verdict.flagged);
    if (flagged.length) {
      lines.push(t('identify-summary-flagged-title'));
      for (const verdict of flagged.slice(0, limit)) {
        lines.push(
          `  ${t('identify-summary-flagged-item', { code: verdict.code, name: verdict.name, criteria: criteriaText(t, verdict.criteria, run) })}`,
        );
        if (verdict.also?.length)
          lines.push(`    ${t('identify-summary-also', { criteria: criteriaText(t, verdict.also, run) })}`);
      }
      if (flagged.length > limit) lines.push(`  ${t('identify-summary-more', { count: flagged.length - limit })}`);
    }
  }
  const gaps = new Set(run.missing.map((gap) => gap.code)).size;
  if (gaps > 0) lines.push(t('identify-missing-count', { count: gaps }));
  return lines;
}

export function noDataLine(t: Translate, method: IdentificationMethod, reason: 'results' | 'questionnaire'): string {
  const key =
    reason === 'results'
      ? 'identify-no-data-results'
      : method === 'social'
        ? 'identify-no-data-social'
        : 'identify-no-data-risk';
  return t(key, { method: methodName(t, method) });
}

/** The whole summary of a run, paragraph per method. */
export function summaryLines(
  t: Translate,
  summary: IdentificationSummary,
  options: { listFlagged?: number } = {},
): string[] {
  const lines = [
    t('identify-summary-title', { scope: scopeName(t, summary.scope), date: formatRanAt(summary.ranAt) }),
    t('identify-summary-schools', { count: summary.schoolsInScope }),
  ];
  const year = summary.methods.find((outcome) => outcome.state === 'done')?.cli.year;
  if (summary.look) lines.splice(1, 0, t('identify-summary-look', { year: year ?? '' }));
  for (const outcome of summary.methods) {
    lines.push('');
    if (outcome.state === 'done') lines.push(...methodSummaryLines(t, outcome.run, options));
    else lines.push(noDataLine(t, outcome.method, outcome.reason));
  }
  return lines;
}

/**
 * «по загруженным данным (N из M муниципалитетов)» when the regional figures and the ranking come
 * from the data of only some of the region's municipalities (issue 11); null otherwise.
 */
export function coverageText(
  t: Translate,
  run: { method: IdentificationMethod; coverage?: MethodRunView['coverage'] },
): string | null {
  const coverage = run.coverage;
  if (run.method !== 'regional' || !coverage) return null;
  if (!coverage.partial) return t('identify-coverage-full', { total: coverage.municipalitiesTotal });
  return t('identify-coverage-partial', {
    withData: coverage.municipalitiesWithData,
    total: coverage.municipalitiesTotal,
    entered: coverage.enteredFigures ? 'yes' : 'no',
  });
}

/** The message a coordinator gets after an import changed a municipality's lists. */
export function announcementText(t: Translate, change: MunicipalityChanges): string {
  const lines = [t('identify-announce-title', { municipality: change.municipality })];
  for (const method of change.methods) {
    if (method.entered.length === 0 && method.left.length === 0) continue;
    lines.push(
      '',
      t('identify-announce-method', {
        method: methodName(t, method.method),
        year: method.year ?? t('identify-summary-no-year'),
        flagged: method.flagged,
        evaluated: method.evaluated,
      }),
    );
    const list = (schools: typeof method.entered) =>
      schools.map((school) => `${school.code} ${school.name}`).join(', ');
    if (method.entered.length) lines.push(t('identify-summary-entered', { schools: list(method.entered) }));
    if (method.left.length) lines.push(t('identify-summary-left', { schools: list(method.left) }));
  }
  lines.push('', t('identify-announce-hint'));
  return splitLines(lines)[0]!;
}
