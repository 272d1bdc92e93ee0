/**
 * Russian wording for the identification inputs of issue 11 («Контингент», the official ШНОР list,
 * official vs computed, campaign target sets), shared by the bot and the CLI.
 */
import type { OfficialComparison, SchoolRefPlain, TargetSet } from '../services/identificationData.ts';
import type { Translate } from '../domain/translate.ts';

export function contingentImportedText(
  t: Translate,
  outcome: { years: readonly string[]; created: number; replaced: number; schools: number },
): string {
  return t('idtables-contingent-imported', {
    years: outcome.years.join(', '),
    schools: outcome.schools,
    created: outcome.created,
    replaced: outcome.replaced,
  });
}

export function officialListImportedText(
  t: Translate,
  outcome: { year: string; orderNumber: string; orderDate: string; schools: number; replaced: boolean },
): string {
  return t('idtables-official-imported', {
    year: outcome.year,
    orderNumber: outcome.orderNumber,
    orderDate: outcome.orderDate,
    schools: outcome.schools,
    replaced: outcome.replaced ? 'yes' : 'no',
  });
}

const list = (schools: readonly SchoolRefPlain[]) => schools.map((school) => `  ${school.code} ${school.name}`);

export function officialComparisonLines(t: Translate, comparison: OfficialComparison): string[] {
  const lines: string[] = [];
  if (comparison.official === null) lines.push(t('idtables-official-none'));
  else lines.push(t('idtables-official-title', { ...comparison.official }));
  if (comparison.computed === null) lines.push(t('idtables-computed-none'));
  else lines.push(t('idtables-computed-title', { year: comparison.computed.year ?? '—' }));
  if (comparison.official === null || comparison.computed === null) return lines;
  lines.push(t('idtables-both', { count: comparison.both.length }), ...list(comparison.both));
  lines.push(t('idtables-only-official', { count: comparison.onlyOfficial.length }), ...list(comparison.onlyOfficial));
  lines.push(t('idtables-only-computed', { count: comparison.onlyComputed.length }), ...list(comparison.onlyComputed));
  return lines;
}

/** A button label for a campaign target set: its name and how many schools. */
export function targetSetLabel(t: Translate, set: TargetSet): string {
  return t('idtables-target-set', { id: set.id, count: set.codes.length });
}
