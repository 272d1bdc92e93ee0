import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIGEST_SCHEDULE,
  currentDigestWeek,
  isoWeekName,
  parseTimeOfDay,
  parseWeekday,
} from '../../../src/domain/digest/week.ts';

describe('the digest week', () => {
  it('Monday 09:00 Moscow is 06:00 UTC; before it the previous week is current', () => {
    const monday = currentDigestWeek(new Date('2026-11-30T06:00:00Z'), DEFAULT_DIGEST_SCHEDULE);
    expect(monday).toEqual({
      week: '2026-W49',
      dueAt: new Date('2026-11-30T06:00:00Z'),
      nextDueAt: new Date('2026-12-07T06:00:00Z'),
    });
    expect(currentDigestWeek(new Date('2026-11-30T05:59:59Z'), DEFAULT_DIGEST_SCHEDULE).week).toBe('2026-W48');
    expect(currentDigestWeek(new Date('2026-12-06T20:59:00Z'), DEFAULT_DIGEST_SCHEDULE).week).toBe('2026-W49');
  });

  it('another day, time and zone', () => {
    const friday = { weekday: 5, hour: 17, minute: 30, timeZone: 'Asia/Yekaterinburg' };
    const week = currentDigestWeek(new Date('2026-12-05T00:00:00Z'), friday);
    expect(week.dueAt).toEqual(new Date('2026-12-04T12:30:00Z'));
  });

  it('ISO week names across the new year', () => {
    expect(isoWeekName(Date.UTC(2026, 11, 28))).toBe('2026-W53');
    expect(isoWeekName(Date.UTC(2027, 0, 4))).toBe('2027-W01');
    expect(isoWeekName(Date.UTC(2024, 11, 30))).toBe('2025-W01');
  });

  it('settings: weekday and time of day', () => {
    expect(['1', 'mon', 'Понедельник', 'пн'].map(parseWeekday)).toEqual([1, 1, 1, 1]);
    expect(parseWeekday('среда')).toBe(3);
    expect(parseWeekday('someday')).toBeNull();
    expect(parseTimeOfDay('9:30')).toEqual({ hour: 9, minute: 30 });
    expect(parseTimeOfDay('25:00')).toBeNull();
  });
});
