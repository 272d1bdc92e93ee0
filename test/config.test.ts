import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('configuration', () => {
  it('accepts a minimal environment and fills the defaults', () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN });
    expect(config.botToken).toBe(TOKEN);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('./data');
    expect(config.adminTelegramIds).toEqual([]);
    expect(config.inviteTtlDays).toBe(7);
    expect(config.updates).toEqual({ mode: 'polling' });
    expect(config.botApiRetryMs).toBe(1_000);
  });

  it('BOT_API_RETRY_MS: a number of milliseconds from 10 to 60000, else one Russian line naming it', () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, BOT_API_RETRY_MS: '50' }).botApiRetryMs).toBe(50);
    for (const wrong of ['5', 'abc', '1.5', '600000'])
      expect(() => parseConfig({ BOT_TOKEN: TOKEN, BOT_API_RETRY_MS: wrong })).toThrow(
        /^Ошибка настройки: BOT_API_RETRY_MS: пауза перед повтором запроса к Bot API в миллисекундах/,
      );
  });

  it('explains a missing BOT_TOKEN in one Russian line naming the variable', () => {
    expect(() => parseConfig({})).toThrow(ConfigError);
    try {
      parseConfig({ DATA_DIR: '/tmp/x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/^Ошибка настройки: BOT_TOKEN: не задан/);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('rejects a token that is not a bot token', () => {
    expect(() => parseConfig({ BOT_TOKEN: 'hello' })).toThrow(/BOT_TOKEN: не похож на токен бота/);
  });

  it('lets the CLI run without a token', () => {
    expect(parseConfig({}, { requireBotToken: false }).botToken).toBe('');
  });

  it('parses admin ids separated by commas or spaces and rejects garbage', () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, ADMIN_TELEGRAM_IDS: '12345, 67890 111' }).adminTelegramIds).toEqual([
      12345, 67890, 111,
    ]);
    expect(() => parseConfig({ BOT_TOKEN: TOKEN, ADMIN_TELEGRAM_IDS: '12345,abc' })).toThrow(/ADMIN_TELEGRAM_IDS/);
  });

  it('accepts a PostgreSQL URL and refuses other schemes', () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/k' }).databaseUrl).toBe(
      'postgresql://u:p@127.0.0.1:5432/k',
    );
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(() => parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('requires a webhook secret when a webhook URL is set', () => {
    expect(() => parseConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://bot.example.org/hook' })).toThrow(
      /WEBHOOK_SECRET/,
    );
    const config = parseConfig({
      BOT_TOKEN: TOKEN,
      WEBHOOK_URL: 'https://bot.example.org/hook',
      WEBHOOK_SECRET: 'a-long-enough-secret',
      WEBHOOK_PORT: '8443',
    });
    expect(config.updates).toEqual({
      mode: 'webhook',
      url: 'https://bot.example.org/hook',
      secret: 'a-long-enough-secret',
      host: '0.0.0.0',
      port: 8443,
    });
  });

  it('rejects an invite lifetime out of range', () => {
    expect(() => parseConfig({ BOT_TOKEN: TOKEN, INVITE_TTL_DAYS: '0' })).toThrow(/INVITE_TTL_DAYS/);
    expect(parseConfig({ BOT_TOKEN: TOKEN, INVITE_TTL_DAYS: '30' }).inviteTtlDays).toBe(30);
  });
});
