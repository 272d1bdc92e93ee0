import { describe, expect, it } from 'vitest';
import { dueDate, isOverdue, parseDeadline } from '../../../src/domain/roadmap/deadline.ts';

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
    expect(parsed('1 раз в четверть')).toEqual({ kind: 'recurring', every: 'quarter' });
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
    expect(dueDate(parsed('постоянно'), '2024-01-01')).toBeNull();
    expect(isOverdue(parsed('по графику'), '2030-01-01')).toBe(false);
  });
});
