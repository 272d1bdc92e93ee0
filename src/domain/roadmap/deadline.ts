/**
 * Roadmap deadlines written the way the seeds write them (issue 13 §2), pure:
 * seed 000 Раздел III («февраль», «В течение 2024 года», «Февраль-август 2024», «Июнь-декабря
 * 2024», «Май, сентябрь, ноябрь 2024», «Июнь и ноябрь 2024 года», «4 квартал 2024 года»);
 * seed 001 Приложение 2 («По плану», «Июнь– октябрь», «Сентябрь – октябрь», «октябрь»,
 * «В течение всего периода», «По графику ОО», «По спец. Графику»); and the issue's
 * «до 1 декабря 2024», «ежегодно, июнь», «август 2024 г.», «в течение года», «1 раз в четверть»,
 * «постоянно», «2024–2026», «по графику».
 */

export type Deadline =
  /** a date: «до 1 декабря 2024», «01.12.2024» */
  | { kind: 'date'; date: string }
  /** months (a range is spelled out); year null = every year («ежегодно, июнь», «октябрь») */
  | { kind: 'months'; months: number[]; year: number | null }
  /** «4 квартал 2024» */
  | { kind: 'quarter'; quarter: number; year: number | null }
  /** whole years: «2024–2026», «в течение 2024 года» */
  | { kind: 'years'; from: number; to: number }
  /**
   * repeats: «1 раз в четверть» (a school term: I сентябрь–октябрь, II ноябрь–декабрь,
   * III январь–март, IV апрель–май), «ежеквартально» (a calendar quarter), «ежемесячно», «ежегодно»
   */
  | { kind: 'recurring'; every: 'month' | 'term' | 'quarter' | 'year' }
  /** «постоянно», «в течение года», «в течение всего периода» */
  | { kind: 'continuous' }
  /** «по графику», «по плану», «по графику ОО»: dates come from another plan */
  | { kind: 'schedule'; note: string };

export type DeadlineParse = { ok: true; deadline: Deadline } | { ok: false };

const MONTHS: ReadonlyArray<[RegExp, number]> = [
  [/^январ/, 1],
  [/^феврал/, 2],
  [/^март/, 3],
  [/^апрел/, 4],
  [/^ма[йяе]/, 5],
  [/^июн/, 6],
  [/^июл/, 7],
  [/^август/, 8],
  [/^сентябр/, 9],
  [/^октябр/, 10],
  [/^ноябр/, 11],
  [/^декабр/, 12],
];

function month(word: string): number | null {
  for (const [pattern, number] of MONTHS) if (pattern.test(word)) return number;
  return null;
}

/** Dashes of every kind, «г.», «года», doubled spaces → one spelling. */
function normalise(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/\s*-\s*/g, '-')
      // «г.», «гг.», «года», «годы» after a year (JS \b does not see Cyrillic letters)
      .replace(/(^|\s)(гг?|годы|года|год|годов)\.?(?=\s|,|$)/g, ' ')
      .replace(/[.;]+$/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const YEAR = /(20\d{2})/;

export function parseDeadline(text: string): DeadlineParse {
  const raw = normalise(String(text ?? ''));
  if (raw === '') return { ok: false };
  const ok = (deadline: Deadline): DeadlineParse => ({ ok: true, deadline });

  if (
    /^(постоянно|в течение( всего)?( (учебного|периода|срока)( реализации( программы)?)?)?|ежедневно|систематически)$/.test(
      raw,
    )
  )
    return ok({ kind: 'continuous' });
  if (/^по (спец\.? ?)?(графику|плану)(?=\s|$)/.test(raw)) return ok({ kind: 'schedule', note: text.trim() });
  if (/^(1 раз|раз|один раз) в четверть$/.test(raw)) return ok({ kind: 'recurring', every: 'term' });
  if (/^(1 раз|раз|один раз) в квартал$|^ежеквартально$/.test(raw)) return ok({ kind: 'recurring', every: 'quarter' });
  if (/^(1 раз|раз|один раз) в месяц$|^ежемесячно$/.test(raw)) return ok({ kind: 'recurring', every: 'month' });
  if (/^(1 раз|раз|один раз) в год$|^ежегодно$/.test(raw)) return ok({ kind: 'recurring', every: 'year' });

  // «до 1 декабря 2024», «1 декабря 2024», «01.12.2024»
  const dotted = /^(?:до )?(\d{1,2})\.(\d{1,2})\.(20\d{2})$/.exec(raw);
  if (dotted) return date(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  const worded = /^(?:до )?(\d{1,2}) ([а-я]+) (20\d{2})$/.exec(raw);
  if (worded) {
    const m = month(worded[2]!);
    if (m) return date(Number(worded[3]), m, Number(worded[1]));
  }

  // «2024-2026», «в течение 2024», «2024»
  const years = /^(?:в течение )?(20\d{2})(?:-(20\d{2}))?$/.exec(raw);
  if (years) {
    const from = Number(years[1]);
    const to = years[2] ? Number(years[2]) : from;
    return to >= from ? ok({ kind: 'years', from, to }) : { ok: false };
  }

  // «4 квартал 2024», «IV квартал»
  const quarter = /^(?:в )?([1-4]|i{1,3}|iv) (?:квартал|кв\.?)(?: (20\d{2}))?$/.exec(raw);
  if (quarter) {
    const roman: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
    const q = roman[quarter[1]!] ?? Number(quarter[1]);
    return ok({ kind: 'quarter', quarter: q, year: quarter[2] ? Number(quarter[2]) : null });
  }

  // Months: «ежегодно, июнь», «август 2024», «сентябрь-октябрь», «май, сентябрь, ноябрь 2024»,
  // «июнь и ноябрь 2024», «февраль-август 2024».
  let rest = raw;
  let annual = false;
  const yearly = /^ежегодно,? ?(?:в )?/.exec(rest);
  if (yearly) {
    annual = true;
    rest = rest.slice(yearly[0].length);
  }
  let year: number | null = null;
  const trailingYear = new RegExp(`\\s*${YEAR.source}$`).exec(rest);
  if (trailingYear) {
    year = Number(trailingYear[1]);
    rest = rest.slice(0, trailingYear.index).trim();
  }
  if (annual && year !== null) return { ok: false };
  rest = rest.replace(/^в /, '');
  const parts = rest.split(/\s*(?:,|\sи\s)\s*/).filter(Boolean);
  if (parts.length === 0) return { ok: false };
  const months: number[] = [];
  for (const part of parts) {
    const range = part.split('-');
    if (range.length > 2) return { ok: false };
    const numbers = range.map((word) => month(word.trim()));
    if (numbers.some((n) => n === null) || range.some((word) => !/^[а-я]+$/.test(word.trim()))) return { ok: false };
    const [from, to] = [numbers[0]!, numbers.at(-1)!];
    if (to < from) {
      // «сентябрь-май» crosses the new year: an academic year
      for (let m = from; m <= 12; m++) months.push(m);
      for (let m = 1; m <= to; m++) months.push(m);
    } else for (let m = from; m <= to; m++) months.push(m);
  }
  return ok({ kind: 'months', months: [...new Set(months)], year });
}

function date(year: number, month: number, day: number): DeadlineParse {
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return { ok: false };
  return { ok: true, deadline: { kind: 'date', date: at.toISOString().slice(0, 10) } };
}

/** Examples of what works, for the error message. */
export const DEADLINE_EXAMPLES = [
  'до 1 декабря 2024',
  '01.12.2024',
  'октябрь',
  'август 2024 г.',
  'Сентябрь – октябрь',
  'Май, сентябрь, ноябрь 2024',
  'ежегодно, июнь',
  '4 квартал 2024',
  '2024–2026',
  'в течение года',
  '1 раз в четверть',
  'постоянно',
  'по графику',
];

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** One occurrence of a deadline: from `start` to `due` (ISO dates, inclusive). */
export interface DeadlinePeriod {
  start: string;
  due: string;
}

/** The school year's terms («четверти») as [first month, last month]. */
const TERMS: ReadonlyArray<[number, number]> = [
  [9, 10],
  [11, 12],
  [1, 3],
  [4, 5],
];

/** A window of months starting in `year` (a window that crosses the new year ends the next one). */
function monthWindow(year: number, months: readonly number[]): DeadlinePeriod {
  const first = months[0]!;
  const last = months.at(-1)!;
  const endYear = months.length > 1 && last < first ? year + 1 : year;
  return { start: iso(year, first, 1), due: iso(endYear, last, lastDay(endYear, last)) };
}

/**
 * The occurrences of a deadline that repeats (issue 13 §2: «ежегодно, июнь», «1 раз в четверть»,
 * «постоянно», «по графику» roll over), for the years around `year`; null for a one-off deadline.
 * «Постоянно», «в течение года» and «по графику» repeat by school year (1 September – 31 August):
 * marking them done says «done for this school year».
 */
function occurrences(deadline: Deadline, year: number): DeadlinePeriod[] | null {
  const years = [year - 1, year, year + 1];
  switch (deadline.kind) {
    case 'months':
      return deadline.year === null ? years.map((y) => monthWindow(y, deadline.months)) : null;
    case 'quarter':
      return deadline.year === null
        ? years.map((y) => monthWindow(y, [deadline.quarter * 3 - 2, deadline.quarter * 3]))
        : null;
    case 'recurring':
      switch (deadline.every) {
        case 'month':
          return years.flatMap((y) => Array.from({ length: 12 }, (_, m) => monthWindow(y, [m + 1])));
        case 'quarter':
          return years.flatMap((y) => [1, 2, 3, 4].map((q) => monthWindow(y, [q * 3 - 2, q * 3])));
        case 'term':
          return years.flatMap((y) => TERMS.map(([from, to]) => monthWindow(y, [from, to])));
        case 'year':
          return years.map((y) => monthWindow(y, [1, 12]));
      }
      return null;
    case 'continuous':
    case 'schedule':
      return years.map((y) => ({ start: iso(y, 9, 1), due: iso(y + 1, 8, 31) }));
    default:
      return null;
  }
}

/** Whether the deadline repeats (its due date moves on once the current period passes). */
const isRepeating = (deadline: Deadline): boolean => occurrences(deadline, 2000) !== null;

/**
 * The period an item is due in as of `today` (ISO): for a repeating deadline the latest
 * occurrence that has begun (the first one when none has) — due/overdue are computed for it and
 * marking done applies to it; when the next occurrence begins, the item is due again.
 * For a one-off deadline its only window. Null: no date at all.
 */
export function currentPeriod(deadline: Deadline, today: string): DeadlinePeriod | null {
  const year = Number(today.slice(0, 4));
  const repeating = occurrences(deadline, year);
  if (repeating) {
    const sorted = repeating.sort((a, b) => a.start.localeCompare(b.start));
    return sorted.filter((period) => period.start <= today).at(-1) ?? sorted[0]!;
  }
  switch (deadline.kind) {
    case 'date':
      return { start: deadline.date, due: deadline.date };
    case 'months':
      return monthWindow(deadline.year!, deadline.months);
    case 'quarter':
      return monthWindow(deadline.year!, [deadline.quarter * 3 - 2, deadline.quarter * 3]);
    case 'years':
      return { start: iso(deadline.from, 1, 1), due: iso(deadline.to, 12, 31) };
    default:
      return null;
  }
}

/** The date (ISO, inclusive) by which an item is due as of `today`: the current period's end. */
export function dueDate(deadline: Deadline, today: string): string | null {
  return currentPeriod(deadline, today)?.due ?? null;
}

/**
 * Whether an item marked done on `doneOn` (ISO) counts as done on `today`: a one-off item stays
 * done; a repeating one only for the period it was marked in.
 */
export function doneForCurrentPeriod(deadline: Deadline, doneOn: string, today: string): boolean {
  if (!isRepeating(deadline)) return true;
  return currentPeriod(deadline, doneOn)?.due === currentPeriod(deadline, today)?.due;
}

/** Past the current period's end (a repeating item is overdue only until its next period begins). */
export function isOverdue(deadline: Deadline, today: string): boolean {
  const due = dueDate(deadline, today);
  return due !== null && due < today;
}
