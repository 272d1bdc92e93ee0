/**
 * Programme indicators as Russian text: one value («12,5 % (3 из 24)»), a target, and the plain
 * table the CLI prints without --json.
 */
import type { IndicatorValue } from '../domain/indicators/types.ts';
import { formatNumber, formatPercent } from './format.ts';
import type { Translate } from '../domain/translate.ts';

/** «12,5 % (3 из 24)», «4», or «—» when missing. */
export function indicatorValueText(indicator: IndicatorValue): string {
  if (indicator.value === null) return '—';
  if (indicator.unit === 'count') return formatNumber(indicator.value);
  return `${formatPercent(indicator.value)} (${formatNumber(indicator.numerator!)} из ${formatNumber(indicator.denominator!)})`;
}

const shorten = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** The readable table of `kurator indicators`: id, value, target, title; missing ones say what is missing. */
export function indicatorTable(
  t: Translate,
  report: { year: string; scope: { name: string }; indicators: readonly IndicatorValue[] },
): string[] {
  const lines = [t('indicators-title', { scope: report.scope.name, year: report.year }), ''];
  const idWidth = Math.max(...report.indicators.map((indicator) => indicator.id.length));
  for (const indicator of report.indicators) {
    const head = `${indicator.id.padEnd(idWidth)}  ${shorten(indicator.title, 90)}`;
    lines.push(head);
    const pad = ' '.repeat(idWidth + 2);
    if (indicator.missing !== null) {
      lines.push(`${pad}${t('indicators-missing', { reason: indicator.missing })}`);
      continue;
    }
    const target = indicator.target
      ? ` · ${t('indicators-target', { target: indicator.target.text })} · ${t('indicators-on-target', { ok: indicator.onTarget ? 'yes' : 'no' })}`
      : '';
    lines.push(`${pad}${indicatorValueText(indicator)}${target}`);
  }
  return lines;
}
