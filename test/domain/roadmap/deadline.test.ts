import { describe, expect, it } from 'vitest';
import {
  currentPeriod,
  doneForCurrentPeriod,
  dueDate,
  isOverdue,
  parseDeadline,
} from '../../../src/domain/roadmap/deadline.ts';

const parsed = (text: string) => {
  const result = parseDeadline(text);
  if (!result.ok) throw new Error(`not parsed: ${text}`);
  return result.deadline;
};

describe('roadmap deadlines as the seeds write them', () => {
  it('the issue’s spellings', () => {
    expect(parsed('до 1 декабря 2024')).toEqual({ kind: 'date', date: '2024-12-01' });
    expect(parsed('Сентябрь – октябрь')).toEqual({ kind: 'months', months: [9, 10], year: null });
    expect(parsed('ежегодно, июнь')).toEqual({ kind: 'months', months: [6], year: null });
    expect(parsed('август 2024 г.')).toEqual({ kind: 'months', months: [8], year: 2024 });
    expect(parsed('в течение года')).toEqual({ kind: 'continuous' });
    expect(parsed('1 раз в четверть')).toEqual({ kind: 'recurring', every: 'term' });
    expect(parsed('ежеквартально')).toEqual({ kind: 'recurring', every: 'quarter' });
    expect(parsed('постоянно')).toEqual({ kind: 'continuous' });
    expect(parsed('2024–2026')).toEqual({ kind: 'years', from: 2024, to: 2026 });
    expect(parsed('по графику')).toMatchObject({ kind: 'schedule' });
  });

  it('seed 001 Приложение 2 and seed 000 Раздел III', () => {
    expect(parsed('По плану')).toMatchObject({ kind: 'schedule' });
    expect(parsed('Июнь– октябрь')).toEqual({ kind: 'months', months: [6, 7, 8, 9, 10], year: null });
    expect(parsed('октябрь')).toEqual({ kind: 'months', months: [10], year: null });
    expect(parsed('В течение всего периода')).toEqual({ kind: 'continuous' });
    expect(parsed('По графику ОО')).toMatchObject({ kind: 'schedule' });
    expect(parsed('По спец. Графику')).toMatchObject({ kind: 'schedule' });
    expect(parsed('В течение 2024 года')).toEqual({ kind: 'years', from: 2024, to: 2024 });
    expect(parsed('4 квартал 2024 года')).toEqual({ kind: 'quarter', quarter: 4, year: 2024 });
    expect(parsed('Февраль-август 2024')).toEqual({ kind: 'months', months: [2, 3, 4, 5, 6, 7, 8], year: 2024 });
    expect(parsed('Июнь-декабря 2024')).toEqual({ kind: 'months', months: [6, 7, 8, 9, 10, 11, 12], year: 2024 });
    expect(parsed('Май, сентябрь, ноябрь 2024')).toEqual({ kind: 'months', months: [5, 9, 11], year: 2024 });
    expect(parsed('Июнь и ноябрь 2024 года')).toEqual({ kind: 'months', months: [6, 11], year: 2024 });
  });

  it('anything else is not understood', () => {
    for (const text of [
      '',
      'скоро',
      '32 декабря 2024',
      '2026–2024',
      'ежегодно, июнь 2024',
      '4 квартал 2024 гола',
      'июнь-июль-август',
    ])
      expect(parseDeadline(text).ok, text).toBe(false);
  });

  it('due dates and overdue', () => {
    expect(dueDate(parsed('до 1 декабря 2024'), '2024-11-30')).toBe('2024-12-01');
    expect(isOverdue(parsed('до 1 декабря 2024'), '2024-12-02')).toBe(true);
    expect(dueDate(parsed('Сентябрь – октябрь'), '2026-11-30')).toBe('2026-10-31');
    expect(dueDate(parsed('4 квартал 2024'), '2024-01-01')).toBe('2024-12-31');
    expect(dueDate(parsed('постоянно'), '2024-01-01')).toBe('2024-08-31');
    expect(isOverdue(parsed('по графику'), '2030-01-01')).toBe(false);
  });
});

describe('repeating deadlines roll over (the clock moves; issue 13 §2)', () => {
  it('«ежегодно, июнь»: due this June; overdue after it until next June begins; then due again', () => {
    const june = parsed('ежегодно, июнь');
    expect(currentPeriod(june, '2026-05-20')).toEqual({ start: '2025-06-01', due: '2025-06-30' });
    expect(isOverdue(june, '2026-05-20')).toBe(true); // last June's was never marked
    expect(currentPeriod(june, '2026-06-10')).toEqual({ start: '2026-06-01', due: '2026-06-30' });
    expect(isOverdue(june, '2026-06-10')).toBe(false);
    expect(isOverdue(june, '2026-07-01')).toBe(true);
    expect(dueDate(june, '2027-06-01')).toBe('2027-06-30');
    // marked done on 15 June 2026: done for that June only
    expect(doneForCurrentPeriod(june, '2026-06-15', '2026-12-01')).toBe(true);
    expect(doneForCurrentPeriod(june, '2026-06-15', '2027-06-01')).toBe(false);
    // marked late, in July: it closes the June that was overdue
    expect(doneForCurrentPeriod(june, '2026-07-03', '2026-08-01')).toBe(true);
  });

  it('«1 раз в четверть»: the school terms, one after another; summer stays on the fourth', () => {
    const term = parsed('1 раз в четверть');
    expect(currentPeriod(term, '2026-09-15')).toEqual({ start: '2026-09-01', due: '2026-10-31' });
    expect(currentPeriod(term, '2026-11-02')).toEqual({ start: '2026-11-01', due: '2026-12-31' });
    expect(currentPeriod(term, '2027-02-01')).toEqual({ start: '2027-01-01', due: '2027-03-31' });
    expect(currentPeriod(term, '2027-04-01')).toEqual({ start: '2027-04-01', due: '2027-05-31' });
    expect(currentPeriod(term, '2027-07-01')).toEqual({ start: '2027-04-01', due: '2027-05-31' });
    expect(doneForCurrentPeriod(term, '2026-10-20', '2026-10-31')).toBe(true);
    expect(doneForCurrentPeriod(term, '2026-10-20', '2026-11-01')).toBe(false);
  });

  it('«постоянно» and «по графику»: by school year; done for this school year, open again on 1 September', () => {
    for (const text of ['постоянно', 'по графику', 'в течение года']) {
      const deadline = parsed(text);
      expect(currentPeriod(deadline, '2026-11-30'), text).toEqual({ start: '2026-09-01', due: '2027-08-31' });
      expect(isOverdue(deadline, '2027-08-31'), text).toBe(false);
      expect(dueDate(deadline, '2027-09-01'), text).toBe('2028-08-31');
      expect(doneForCurrentPeriod(deadline, '2026-12-01', '2027-08-31'), text).toBe(true);
      expect(doneForCurrentPeriod(deadline, '2026-12-01', '2027-09-01'), text).toBe(false);
    }
  });

  it('a one-off deadline does not repeat: done stays done', () => {
    expect(doneForCurrentPeriod(parsed('август 2024 г.'), '2024-08-10', '2030-01-01')).toBe(true);
    expect(dueDate(parsed('2024–2026'), '2030-01-01')).toBe('2026-12-31');
  });
});
