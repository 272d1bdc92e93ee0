/**
 * When the seeds draw up the lists of schools (issue 13 §3): the months in which the weekly digest
 * highlights the new list — every school on it by name, not only who entered or left.
 * - seed 001, «Мониторинг по выявлению ШНРО и/или ШФНСУ»: «Выявление ШНРО и ШФНСУ осуществляется
 *   на основе данных 100% школ района в августе»;
 * - seed 001, Приложение 2, п. 3: «Идентификация образовательных организаций со стабильно низкими
 *   результатами — Сентябрь – октябрь»;
 * - seed 004, план 2017–2018, п. 1: «Проведение идентификации школ с низкими результатами
 *   обучения … сентябрь-декабрь» (the start of the school year; the digest follows seed 001).
 */
const IDENTIFICATION_MONTHS: readonly number[] = [8, 9, 10];

/** Month 1–12 → whether the digest highlights the lists then. */
export const isIdentificationMonth = (month: number): boolean => IDENTIFICATION_MONTHS.includes(month);
