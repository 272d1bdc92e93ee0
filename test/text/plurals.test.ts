/**
 * Issue 10 «Text»: every count a user reads goes through Fluent's plural categories. Each message
 * with a count is rendered with 1, 2, 5, 11 and 21 and the noun form checked; a scan of the .ftl
 * files fails on a count glued to a noun outside a plural select («4 школ», «не меньше 1
 * вариантов»).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR, t } from '../../src/i18n.ts';

const COUNTS = [1, 2, 5, 11, 21] as const;
type Forms = [string, string, string, string, string];

/** key, the message's variables for a count, and the expected fragment for 1, 2, 5, 11, 21 */
const CASES: Array<[string, (n: number) => Record<string, string | number>, Forms]> = [
  [
    'forms-ask-text',
    (n) => ({ max: n }),
    ['до 1 символа', 'до 2 символов', 'до 5 символов', 'до 11 символов', 'до 21 символа'],
  ],
  [
    'forms-error-text-too-long',
    (n) => ({ length: n, max: 1 }),
    ['1 символ,', '2 символа,', '5 символов,', '11 символов,', '21 символ,'],
  ],
  [
    'forms-error-text-too-short',
    (n) => ({ min: n }),
    [
      'не меньше 1 символа',
      'не меньше 2 символов',
      'не меньше 5 символов',
      'не меньше 11 символов',
      'не меньше 21 символа',
    ],
  ],
  [
    'forms-error-group-too-few-rows',
    (n) => ({ min: n }),
    ['не меньше 1 записи', 'не меньше 2 записей', 'не меньше 5 записей', 'не меньше 11 записей', 'не меньше 21 записи'],
  ],
  [
    'forms-error-group-too-many-rows',
    (n) => ({ max: n }),
    ['не больше 1 записи', 'не больше 2 записей', 'не больше 5 записей', 'не больше 11 записей', 'не больше 21 записи'],
  ],
  [
    'identify-fioco-note-min-low',
    (n) => ({ count: n }),
    ['по 1 процедуре', 'по 2 процедурам', 'по 5 процедурам', 'по 11 процедурам', 'по 21 процедуре'],
  ],
  [
    'identify-rules-error-too-many',
    (n) => ({ key: 'k', maximum: n }),
    [
      'не больше 1 элемента',
      'не больше 2 элементов',
      'не больше 5 элементов',
      'не больше 11 элементов',
      'не больше 21 элемента',
    ],
  ],
  [
    'identify-coverage-full',
    (n) => ({ total: n }),
    [
      'всего 1 муниципалитета',
      'всех 2 муниципалитетов',
      'всех 5 муниципалитетов',
      'всех 11 муниципалитетов',
      'всего 21 муниципалитета',
    ],
  ],
  [
    'report-xlsx-list-run',
    (n) => ({ method: 'ФИОКО', flagged: 0, evaluated: n, year: '2024/2025', date: '01.12.2026' }),
    ['из 1 школы,', 'из 2 школ,', 'из 5 школ,', 'из 11 школ,', 'из 21 школы,'],
  ],
  [
    'report-docx-list',
    (n) => ({ name: 'ФИОКО', evaluated: 30, year: '2024/2025', date: '01.12.2026', flagged: n, schools: 'X' }),
    ['вошла 1:', 'вошли 2:', 'вошли 5:', 'вошли 11:', 'вошла 21:'],
  ],
  [
    'report-docx-campaign',
    (n) => ({ title: 'А', created: '01.12.2026', deadline: '15.12.2026', submitted: 0, total: n }),
    ['из 1 школы.', 'из 2 школ.', 'из 5 школ.', 'из 11 школ.', 'из 21 школы.'],
  ],
  [
    'xlsx-zip-too-many-entries',
    (n) => ({ count: n, limit: 1 }),
    ['1 часть (', '2 части (', '5 частей (', '11 частей (', '21 часть ('],
  ],
  [
    'xlsx-too-many-rows',
    (n) => ({ limit: n }),
    ['больше 1 строки', 'больше 2 строк', 'больше 5 строк', 'больше 11 строк', 'больше 21 строки'],
  ],
  [
    'xlsx-header-not-found',
    (n) => ({ rows: n, expected: 'A' }),
    ['в первой 1 строке', 'в первых 2 строках', 'в первых 5 строках', 'в первых 11 строках', 'в первой 21 строке'],
  ],
  [
    'xlsx-issues-truncated',
    (n) => ({ shown: n, total: 100 }),
    ['первое 1 замечание', 'первые 2 замечания', 'первые 5 замечаний', 'первые 11 замечаний', 'первое 21 замечание'],
  ],
  [
    'xlsx-cell-too-long',
    (n) => ({ length: n, limit: 1 }),
    [
      'в ячейке 1 символ,',
      'в ячейке 2 символа,',
      'в ячейке 5 символов,',
      'в ячейке 11 символов,',
      'в ячейке 21 символ,',
    ],
  ],
  [
    'history-form-submitted',
    (n) => ({ campaign: 'А', answers: n }),
    ['(1 ответ)', '(2 ответа)', '(5 ответов)', '(11 ответов)', '(21 ответ)'],
  ],
  [
    'campaigns-number-ambiguous',
    (n) => ({ id: 1, count: n }),
    ['1 мониторинг', '2 мониторинга', '5 мониторингов', '11 мониторингов', '21 мониторинг'],
  ],
];

describe('counts through plural categories', () => {
  for (const [key, vars, forms] of CASES) {
    it(`${key}: 1, 2, 5, 11, 21`, () => {
      const rendered = COUNTS.map((n) => t(key, vars(n)).replace(/\u00a0/g, ' '));
      rendered.forEach((text, index) => expect(text, `${key} with ${COUNTS[index]}`).toContain(forms[index]));
    });
  }
});

/** Variables that are names, codes and numbers of things, not counts. */
const NOT_COUNTS = new Set([
  'id',
  'code',
  'year',
  'years',
  'item',
  'number',
  'value',
  'name',
  'title',
  'key',
  'first',
  'row',
  'target',
  'latest',
  'input',
  'dir',
  'port',
  'kind',
  'section',
  'part',
  'date',
  'deadline',
  'scope',
  'school',
  'method',
]);
/** Stems of the nouns counts are shown with. */
const NOUNS =
  /^(школ|участник|вариант|строк|ошиб|замечан|анкет|дн[ейяь]|вопрос|представител|символ|запис|элемент|процедур|муниципалитет|част|мониторинг|приглашен|показател|мероприят|файл|челов|ответ|мест|класс|учени|педагог)/;

describe('no count glued to a noun outside a plural select', () => {
  it('scans locales/ru/*.ftl', () => {
    const offenders: string[] = [];
    for (const file of readdirSync(join(LOCALES_DIR, 'ru'))) {
      const lines = readFileSync(join(LOCALES_DIR, 'ru', file), 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (/^\s*\*?\[/.test(line)) return; // a variant of a select: chosen by the count
        for (const match of line.matchAll(/\{ \$(\w+) \} ([а-яё]+)/g)) {
          const [, variable, word] = match;
          if (NOT_COUNTS.has(variable!)) continue;
          if (NOUNS.test(word!)) offenders.push(`${file}:${index + 1}: { $${variable} } ${word}`);
        }
      });
    }
    expect(offenders).toEqual([]);
  });
});
