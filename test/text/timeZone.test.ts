/**
 * The installation's time zone (config TZ_NAME, issue 14): a deadline typed by the coordinator
 * ends at midnight there, and every date and time a person reads is that zone's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeadline, reminderTime } from '../../src/domain/campaigns/schedule.ts';
import { DEFAULT_TIME_ZONE, localDate, setTimeZone, timeZone } from '../../src/domain/timeZone.ts';
import { renderMessage } from '../../src/delivery/messages.ts';
import { formatDate, formatDateTime } from '../../src/text/format.ts';
import { parseConfig } from '../../src/config.ts';

afterEach(() => setTimeZone(DEFAULT_TIME_ZONE));

const now = new Date('2026-12-01T08:00:00Z');

describe('TZ_NAME=Asia/Yekaterinburg (UTC+5)', () => {
  it('is what the configuration carries to the start-up setting', () => {
    const config = parseConfig({ TZ_NAME: 'Asia/Yekaterinburg' }, { requireBotToken: false });
    setTimeZone(config.timeZone);
    expect(timeZone()).toBe('Asia/Yekaterinburg');
  });

  it('a deadline «10.12.2026» ends at midnight in Yekaterinburg and reads so to the director', () => {
    setTimeZone('Asia/Yekaterinburg');
    const parsed = parseDeadline('10.12.2026', now);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.deadline.toISOString()).toBe('2026-12-10T18:59:59.999Z');
    const invitation = renderMessage(
      {
        kind: 'campaign.invitation',
        campaignId: 1,
        title: 'Контекстные данные ОУ',
        school: 'СОШ № 1',
        deadline: parsed.deadline.toISOString(),
      },
      now,
    );
    expect(invitation.text).toContain('Срок — до 10.12.2026.');
    expect(formatDateTime(parsed.deadline)).toBe('10.12.2026, 23:59');
    // the same moment on a Moscow installation is 21:59
    expect(formatDateTime(parsed.deadline, 'Europe/Moscow')).toBe('10.12.2026, 21:59');
    // reminders go out at 10:00 local time
    expect(reminderTime(parsed.deadline, 1).toISOString()).toBe('2026-12-09T05:00:00.000Z');
    expect(localDate(new Date('2026-12-10T19:30:00Z'))).toBe('2026-12-11');
  });

  it('Moscow stays the default, and an unknown zone is refused', () => {
    const parsed = parseDeadline('10.12.2026', now);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.deadline.toISOString()).toBe('2026-12-10T20:59:59.999Z');
    expect(formatDate(parsed.deadline)).toBe('10.12.2026');
    expect(() => setTimeZone('Mars/Olympus')).toThrow();
    expect(timeZone()).toBe(DEFAULT_TIME_ZONE);
  });

  it('a date cell from Excel (no zone) reads as written, whatever the zone', () => {
    setTimeZone('America/Los_Angeles');
    expect(formatDate(new Date(Date.UTC(2024, 8, 1)), 'UTC')).toBe('01.09.2024');
  });
});
