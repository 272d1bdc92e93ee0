/**
 * The callback data of every inline button, one codec per kind of button. The bot reads them;
 * the bot, the scheduler (calendar notices) and the digest sender write them, so they live here
 * and not in one adapter.
 *
 * Wire format: a prefix, then each field after «:», in the order the codec lists them (the
 * strings the buttons carried before the codecs, so buttons already sent keep working).
 * Telegram caps callback data at 64 bytes; `pack` refuses more.
 * `unpack` returns null for data that has the prefix but not the fields (forged or garbled):
 * the bot answers it with a message instead of guessing (src/bot/filters/callbackData.ts).
 */
import { ROLES } from './domain/access/policy.ts';

export interface Field<T> {
  /** what a field looks like on the wire (a regular expression source, no groups) */
  readonly pattern: string;
  parse(text: string): T | null;
  format(value: T): string;
}

type ValueOf<F> = F extends Field<infer T> ? T : never;
export type Values<F extends Record<string, Field<unknown>>> = { [K in keyof F]: ValueOf<F[K]> };

const MAX_BYTES = 64;
const MAX_ID = 2 ** 31 - 1;

/** A database id: a positive integer that fits PostgreSQL's `integer`. */
const id: Field<number> = {
  pattern: '\\d{1,10}',
  parse: (text) => {
    const value = Number(text);
    return Number.isSafeInteger(value) && value > 0 && value <= MAX_ID ? value : null;
  },
  format: String,
};

/** Up to `max` ids joined with «.» (the runs behind a summary). */
function ids(max: number): Field<number[]> {
  return {
    pattern: `\\d{1,10}(?:\\.\\d{1,10}){0,${max - 1}}`,
    parse: (text) => {
      const values = text.split('.').map((part) => id.parse(part));
      return values.every((value) => value !== null) ? (values as number[]) : null;
    },
    format: (values) => values.slice(0, max).join('.'),
  };
}

/** A position in a list shown with the buttons, from 0 (names can exceed the 64 bytes). */
const position: Field<number> = {
  pattern: '\\d{1,4}',
  parse: Number,
  format: String,
};

/** A page number from 1 to 9999. */
const page: Field<number> = {
  pattern: '\\d{1,4}',
  parse: (text) => {
    const value = Number(text);
    return value >= 1 ? value : null;
  },
  format: String,
};

/** A string of a fixed shape (a school code, a token); `pattern` must not contain «:». */
function text(pattern: string): Field<string> {
  return { pattern, parse: (value) => value, format: (value) => value };
}

/** One of a few words. */
function oneOf<const V extends string>(values: readonly V[]): Field<V> {
  return {
    pattern: values.join('|'),
    parse: (value) => ((values as readonly string[]).includes(value) ? (value as V) : null),
    format: (value) => value,
  };
}

export interface CallbackCodec<F extends Record<string, Field<unknown>>> {
  readonly prefix: string;
  /** Matches every data of this kind of button, well-formed or not (unpack tells them apart). */
  readonly filter: RegExp;
  /** Matches only well-formed data (a conversation waits on it; anything else gets its hint). */
  readonly exact: RegExp;
  pack(values: Values<F>): string;
  unpack(data: string): Values<F> | null;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function callbackData<F extends Record<string, Field<unknown>>>(prefix: string, fields: F): CallbackCodec<F> {
  const names = Object.keys(fields) as (keyof F & string)[];
  const exact = new RegExp(`^${escapeRegExp(prefix)}${names.map((name) => `:(${fields[name]!.pattern})`).join('')}$`);
  const unpack = (data: string): Values<F> | null => {
    const match = exact.exec(data);
    if (!match) return null;
    const values: Record<string, unknown> = {};
    for (const [index, name] of names.entries()) {
      const value = (fields[name] as Field<unknown>).parse(match[index + 1]!);
      if (value === null) return null;
      values[name] = value;
    }
    return values as Values<F>;
  };
  return {
    prefix,
    filter: new RegExp(`^${escapeRegExp(prefix)}(?::|$)`),
    exact,
    pack(values) {
      const data = [prefix, ...names.map((name) => (fields[name] as Field<unknown>).format(values[name]))].join(':');
      // a button the bot itself would refuse is a programming error: fail where it is built
      if (Buffer.byteLength(data) > MAX_BYTES || unpack(data) === null) {
        throw new Error(`callback data «${data}» does not fit its codec or Telegram's 64 bytes`);
      }
      return data;
    },
    unpack,
  };
}

// ---------------------------------------------------------------------------------------------
// The buttons

const SCHOOL_CODE = 'sch[0-9a-z]+';
const INVITE_CODE = '[A-Za-z0-9_-]+';

/** Under an identification summary and a digest: the full list as .xlsx (≤ 8 runs). */
export const identificationReportData = callbackData('idn:x', { runIds: ids(8) });
export const digestReportData = callbackData('dg:r', { runIds: ids(8) });
/** Under a digest: /report of the bound group's scope — the workbook, the справка (issue 13). */
export const digestWorkbookData = callbackData('dg:x', {});
export const digestSpravkaData = callbackData('dg:d', {});
/** Buttons that work in a group: those under a digest (issue 13); bot/filters/groupChats.ts lets them through. */
export const groupChatButtons = [digestReportData, digestWorkbookData, digestSpravkaData] as const;

/** The status card: a school chosen among matches, a page of the overview. */
export const statusCardData = callbackData('st:c', { code: text(SCHOOL_CODE) });
export const statusPageData = callbackData('st:o', { page });

/** A calendar notice: launch the form due this month (src/scheduler/calendar.ts). */
export const calendarLaunchData = callbackData('cal:l', { key: text('[a-z0-9-]{1,40}') });

/**
 * Making an invitation (the /invite conversation): the role, the scope — the whole region or a
 * municipality by its position in the list («m3») — or cancel.
 */
export const inviteRoleData = callbackData('inv:role', { role: oneOf(ROLES) });
export const inviteScopeData = callbackData('inv:scope', {
  scope: {
    pattern: 'region|m\\d{1,4}',
    parse: (text) => (text === 'region' ? 'region' : Number(text.slice(1))),
    format: (value) => (value === 'region' ? value : `m${value}`),
  } satisfies Field<'region' | number>,
});
export const inviteCancelData = callbackData('inv:cancel', {});

/** An invitation: accept or decline (the code from the link), revoke one in /invites. */
export const inviteAcceptData = callbackData('inv:y', { code: text(INVITE_CODE) });
export const inviteDeclineData = callbackData('inv:n', { code: text(INVITE_CODE) });
export const inviteRevokeData = callbackData('inv:revoke', { id });

/** A results upload waiting for confirmation: save, save only my schools, cancel. */
export const resultsUploadData = callbackData('res', {
  action: oneOf(['ok', 'no', 'mine']),
  token: text('[0-9a-f]{8}'),
});

/** The campaign card and its actions. */
export const campaignData = {
  refresh: callbackData('cmp:v', { id }),
  export: callbackData('cmp:x', { id }),
  files: callbackData('cmp:f', { id }),
  extend: callbackData('cmp:e', { id }),
  close: callbackData('cmp:c', { id }),
  closeConfirmed: callbackData('cmp:cc', { id }),
  closeCancelled: callbackData('cmp:cn', {}),
  reopen: callbackData('cmp:r', { id }),
  reopenSchool: callbackData('cmp:ro', { id, code: text('[\\w-]+') }),
};

/**
 * Launching a campaign (the launch conversation): the questionnaire by its position in the
 * list, the schools (all, a set, typed codes), default reminders, go, cancel.
 */
export const launchData = {
  questionnaire: callbackData('lch:q', { index: position }),
  allSchools: callbackData('lch:all', {}),
  schoolSet: callbackData('lch:set', { id: text('[a-z-]+') }),
  pickSchools: callbackData('lch:pick', {}),
  defaultReminders: callbackData('lch:rem', {}),
  go: callbackData('lch:go', {}),
  cancel: callbackData('lch:cancel', {}),
};

/**
 * A button of a form being filled: the campaign, where (an item by its position in the
 * questionnaire — keys of parts can be long — or «r», the review) and the action («y», «s», «e3»…).
 */
export const formStepData = callbackData('f', {
  campaign: id,
  at: {
    pattern: '\\d{1,4}|r',
    parse: (text) => (text === 'r' ? 'review' : Number(text)),
    format: (value) => (value === 'review' ? 'r' : String(value)),
  } satisfies Field<number | 'review'>,
  action: text('\\w{1,20}'),
});

/** A director's open campaigns (/forms): open one. */
export const formOpenData = callbackData('form:open', { id });
