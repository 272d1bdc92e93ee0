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
  /** repeats: «1 раз в четверть», «ежемесячно», «ежегодно» */
  | { kind: 'recurring'; every: 'month' | 'quarter' | 'year' }
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
  if (/^(1 раз|раз|один раз) в (четверть|квартал)$|^ежеквартально$/.test(raw))
    return ok({ kind: 'recurring', every: 'quarter' });
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

/**
 * The date (ISO, inclusive) by which an item is due, as of `today` (ISO): for a window of
 * months, its last day; for «every year» months, this year's; null when the item has no end
 * (continuous, recurring, by another plan) — such items are never overdue.
 */
export function dueDate(deadline: Deadline, today: string): string | null {
  const year = Number(today.slice(0, 4));
  switch (deadline.kind) {
    case 'date':
      return deadline.date;
    case 'months': {
      const y = deadline.year ?? year;
      const last = deadline.months.at(-1)!;
      // a window that crosses the new year ends next year
      const crosses = deadline.months.length > 1 && last < deadline.months[0]!;
      return iso(crosses && deadline.year === null ? y + 1 : y, last, lastDay(y, last));
    }
    case 'quarter': {
      const y = deadline.year ?? year;
      return iso(y, deadline.quarter * 3, lastDay(y, deadline.quarter * 3));
    }
    case 'years':
      return iso(deadline.to, 12, 31);
    default:
      return null;
  }
}

/** The first day of the window, when it has one (for «due this week» among long windows: its end). */
export function isOverdue(deadline: Deadline, today: string): boolean {
  const due = dueDate(deadline, today);
  return due !== null && due < today;
}
