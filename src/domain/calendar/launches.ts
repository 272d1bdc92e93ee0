/**
 * The monitoring calendar (issue 13 §3), pure: each built-in form's `schedule.months` (from
 * its seed) says when to launch it, and for whom.
 * - «Контекстные данные ОУ» — October, every school (risk-zone survey, seed 003 §3.2);
 * - «Профилактика учебной неуспешности» — January and June, every school (seed 003 §4.3–4.4:
 *   part of every school's half-year report);
 * - «Итоговый мониторинг» — June, the ШНОР list (seed 001 Приложение 3, «по материалам
 *   анкетирования ШНРО»).
 */
import {
  BUILTIN_DEFINITIONS,
  CONTEXT_DATA_ID,
  FAILURE_PREVENTION_ID,
  FINAL_MONITORING_ID,
} from '../questionnaires/builtin/index.ts';

type LaunchAudience = 'all' | 'listed';

const LAUNCH_AUDIENCE: Record<string, LaunchAudience> = {
  [CONTEXT_DATA_ID]: 'all',
  [FAILURE_PREVENTION_ID]: 'all',
  [FINAL_MONITORING_ID]: 'listed',
};

export interface LaunchSuggestion {
  key: string;
  title: string;
  audience: LaunchAudience;
}

/** The built-in forms whose seed names this month (1–12). */
export function formsForMonth(month: number): LaunchSuggestion[] {
  const latest = new Map<string, (typeof BUILTIN_DEFINITIONS)[number]>();
  for (const definition of BUILTIN_DEFINITIONS) {
    const known = latest.get(definition.id);
    if (!known || known.version < definition.version) latest.set(definition.id, definition);
  }
  return [...latest.values()]
    .filter((definition) => definition.schedule?.months.includes(month))
    .map((definition) => ({
      key: definition.id,
      title: definition.title,
      audience: LAUNCH_AUDIENCE[definition.id] ?? 'all',
    }));
}

/** A suggested campaign is due by the end of the month, but gives schools at least 14 days. */
export function suggestedDeadlineDate(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const endOfMonth = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const twoWeeks = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  return [endOfMonth, twoWeeks].sort().at(-1)!;
}
