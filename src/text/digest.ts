/**
 * The weekly digest as Russian text (issue 13 §1). Plain text (no parse mode): names of schools
 * and files go out as they are. A digest longer than one message is cut with a pointer to the
 * full report, so one digest is always one message (the exactly-once record is per message).
 */
import { digestIsQuiet, type DigestContent, type DigestSchoolRef } from '../domain/digest/content.ts';
import type { FailShareChart } from '../documents/charts/failShareChart.ts';
import { formatDate, formatDateTime, formatPercent } from './format.ts';
import type { Translate } from '../domain/translate.ts';

/** Telegram's limit is 4096 characters; leave room for the cut notice. */
const MAX_TEXT = 3900;
/** Schools named per list line; the rest are counted. */
const NAMES_PER_LINE = 10;

function names(t: Translate, schools: readonly DigestSchoolRef[]): string {
  const shown = schools.slice(0, NAMES_PER_LINE).map((school) => school.name);
  const rest = schools.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} ${t('digest-and-more', { count: rest })}` : shown.join(', ');
}

/** The whole list in the identification month (up to 40 names; the rest in the report). */
function wholeList(t: Translate, schools: readonly DigestSchoolRef[]): string {
  const shown = schools.slice(0, 40).map((school) => school.name);
  const rest = schools.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} ${t('digest-and-more', { count: rest })}` : shown.join(', ');
}

function digestLines(t: Translate, content: DigestContent): string[] {
  const scope =
    content.scope.kind === 'region' ? t('digest-scope-region', { name: content.scope.name }) : content.scope.name;
  const lines = [
    t('digest-title', { scope, from: formatDate(content.periodStart), to: formatDate(content.periodEnd) }),
  ];
  if (digestIsQuiet(content)) {
    lines.push(t('digest-quiet'));
    return lines;
  }
  if (content.imports.length > 0) {
    lines.push('', t('digest-imports-title'));
    for (const entry of content.imports) {
      const by =
        entry.by.kind === 'person' ? entry.by.name : t(entry.by.kind === 'cli' ? 'digest-by-cli' : 'digest-by-system');
      lines.push(t('digest-import', { file: entry.fileName, by, at: formatDateTime(entry.at), rows: entry.rows }));
    }
  }
  const changed = content.lists.filter((list) => list.entered.length > 0 || list.left.length > 0);
  if (changed.length > 0 || content.identificationMonth) {
    lines.push('', t(content.identificationMonth ? 'digest-lists-title-month' : 'digest-lists-title'));
    for (const list of content.lists) {
      const method = t(`identify-method-${list.method}`);
      if (content.identificationMonth) {
        // The month the seeds draw up the lists: the new list itself, every school by name.
        lines.push(t('digest-list-whole', { method, count: list.flagged }));
        if (list.schools && list.schools.length > 0) lines.push(`  ${wholeList(t, list.schools)}`);
      } else if (list.entered.length === 0 && list.left.length === 0) continue;
      else lines.push(t('digest-list', { method, count: list.flagged }));
      if (list.entered.length > 0)
        lines.push(t('digest-list-entered', { count: list.entered.length, names: names(t, list.entered) }));
      if (list.left.length > 0)
        lines.push(t('digest-list-left', { count: list.left.length, names: names(t, list.left) }));
      if (content.identificationMonth && list.entered.length === 0 && list.left.length === 0)
        lines.push(t('digest-list-unchanged'));
    }
  }
  const campaigns = content.campaigns.filter((c) => c.submittedThisPeriod > 0 || c.late.length > 0 || c.total > 0);
  if (campaigns.length > 0) {
    lines.push('', t('digest-campaigns-title'));
    for (const campaign of campaigns) {
      lines.push(
        t('digest-campaign', {
          title: campaign.title,
          submitted: campaign.submitted,
          total: campaign.total,
          deadline: formatDate(campaign.deadline),
          week: campaign.submittedThisPeriod,
        }),
      );
      if (campaign.late.length > 0)
        lines.push(t('digest-campaign-late', { count: campaign.late.length, names: names(t, campaign.late) }));
    }
  }
  const moved = content.indicators?.moved ?? [];
  if (moved.length > 0) {
    lines.push('', t('digest-indicators-title', { count: moved.length }));
    for (const indicator of moved.slice(0, INDICATORS_SHOWN))
      lines.push(
        t('digest-indicator', {
          title: shorten(indicator.title, 90),
          before: indicatorValue(t, indicator.unit, indicator.before),
          after: indicatorValue(t, indicator.unit, indicator.after),
          mark: indicator.onTarget === null ? '' : indicator.onTarget ? ' ✓' : ' ✗',
        }),
      );
    if (moved.length > INDICATORS_SHOWN)
      lines.push(t('digest-indicators-more', { count: moved.length - INDICATORS_SHOWN }));
  }
  for (const roadmap of content.roadmaps) {
    lines.push('', t('digest-roadmap-title', { title: roadmap.title, done: roadmap.done, total: roadmap.total }));
    const item = (entry: DigestContent['roadmaps'][number]['overdue'][number]) =>
      t('digest-roadmap-item', { number: entry.number, title: entry.title, deadline: entry.deadline });
    if (roadmap.doneThisPeriod.length > 0)
      lines.push(
        t('digest-roadmap-done', { count: roadmap.doneThisPeriod.length }),
        ...roadmap.doneThisPeriod.map(item),
      );
    if (roadmap.dueThisWeek.length > 0)
      lines.push(t('digest-roadmap-due', { count: roadmap.dueThisWeek.length }), ...roadmap.dueThisWeek.map(item));
    if (roadmap.overdue.length > 0)
      lines.push(t('digest-roadmap-overdue', { count: roadmap.overdue.length }), ...roadmap.overdue.map(item));
  }
  return lines;
}

const INDICATORS_SHOWN = 8;

const shorten = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

function indicatorValue(t: Translate, unit: string, value: number | null): string {
  if (value === null) return t('digest-indicator-none');
  return unit === 'share' ? formatPercent(value) : String(Math.round(value * 100) / 100);
}

type ChartContent = Pick<DigestContent, 'scope' | 'periodEnd' | 'chart'>;

const scopeLabel = (t: Translate, scope: DigestContent['scope']) =>
  scope.kind === 'region' ? t('digest-scope-region', { name: scope.name }) : scope.name;

/** The digest's picture: the scope's share of «2» / below the minimum by procedure and year. */
export function digestChart(t: Translate, content: ChartContent): FailShareChart {
  return {
    title: shorten(t('digest-chart-title', { scope: scopeLabel(t, content.scope) }), 70),
    years: content.chart?.years ?? [],
    series: content.chart?.series ?? [],
  };
}

export function digestChartCaption(t: Translate, content: ChartContent): string {
  return t('digest-chart-caption', { scope: scopeLabel(t, content.scope), date: formatDate(content.periodEnd) });
}

/** One message: the digest, cut at a line boundary if it would not fit. */
export function digestText(t: Translate, content: DigestContent): string {
  const lines = digestLines(t, content);
  let text = lines.join('\n');
  if (text.length <= MAX_TEXT) return text;
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > MAX_TEXT) break;
    kept.push(line);
    length += line.length + 1;
  }
  text = `${kept.join('\n')}\n…\n${t('digest-cut')}`;
  return text;
}
