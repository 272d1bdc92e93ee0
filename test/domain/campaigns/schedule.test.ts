import { describe, expect, it } from 'vitest';
import {
  daysLeft,
  endOfDay,
  parseDeadline,
  parseReminderDays,
  passedReminderKeys,
  reminderKey,
  reminderTime,
} from '../../../src/domain/campaigns/schedule.ts';

const now = new Date('2026-11-25T09:00:00Z');

describe('deadlines', () => {
  it('a typed date is the end of that day in Moscow time', () => {
    expect(endOfDay('2026-12-01').toISOString()).toBe('2026-12-01T20:59:59.999Z');
    expect(parseDeadline('01.12.2026', now)).toEqual({
      ok: true,
      deadline: new Date('2026-12-01T20:59:59.999Z'),
      date: '2026-12-01',
    });
    expect(parseDeadline(' 1.12.2026 ', now)).toMatchObject({ ok: true, date: '2026-12-01' });
    // today is still open until midnight in Moscow
    expect(parseDeadline('25.11.2026', now)).toMatchObject({ ok: true });
  });

  it('refuses what is not a date and dates that have passed', () => {
    expect(parseDeadline('31.02.2026', now)).toEqual({
      ok: false,
      reason: 'campaigns-deadline-format',
      params: { input: '31.02.2026' },
    });
    expect(parseDeadline('в пятницу', now)).toMatchObject({ ok: false, reason: 'campaigns-deadline-format' });
    expect(parseDeadline('24.11.2026', now)).toMatchObject({ ok: false, reason: 'campaigns-deadline-past' });
  });

  it('counts calendar days left in Moscow', () => {
    const deadline = endOfDay('2026-11-28');
    expect(daysLeft(deadline, now)).toBe(3);
    expect(daysLeft(deadline, new Date('2026-11-27T22:00:00Z'))).toBe(0); // already the 28th in Moscow
    expect(daysLeft(deadline, new Date('2026-11-30T12:00:00Z'))).toBe(0);
  });
});

describe('reminders', () => {
  const deadline = endOfDay('2026-12-10');

  it('go out at 10:00 Moscow time of the day so many days before (or after) the deadline', () => {
    expect(reminderTime(deadline, 3).toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(reminderTime(deadline, 1).toISOString()).toBe('2026-12-09T07:00:00.000Z');
    expect(reminderTime(deadline, -1).toISOString()).toBe('2026-12-11T07:00:00.000Z');
  });

  it('are keyed by the deadline, so a new deadline re-arms them', () => {
    expect(reminderKey(3, deadline)).toBe('3@2026-12-10T20:59:59.999Z');
    expect(reminderKey(3, endOfDay('2026-12-20'))).not.toBe(reminderKey(3, deadline));
  });

  it('those already in the past at launch are marked as sent', () => {
    expect(passedReminderKeys(endOfDay('2026-11-26'), [3, 1, -1], now)).toEqual([
      '3@2026-11-26T20:59:59.999Z',
      '1@2026-11-26T20:59:59.999Z',
    ]);
    expect(passedReminderKeys(deadline, [3, 1, -1], now)).toEqual([]);
  });

  it('days are typed as whole numbers, minus for after the deadline', () => {
    expect(parseReminderDays('7, 3, 1, -1')).toEqual({ ok: true, days: [7, 3, 1, -1] });
    expect(parseReminderDays('1 3 3 −2')).toEqual({ ok: true, days: [3, 1, -2] });
    expect(parseReminderDays('0')).toMatchObject({ ok: false, reason: 'campaigns-reminders-format' });
    expect(parseReminderDays('за три дня')).toMatchObject({ ok: false });
    expect(parseReminderDays('45')).toMatchObject({ ok: false });
  });
});
