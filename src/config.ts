/**
 * Environment, validated once at start. A wrong setting stops the process with one clear line
 * naming the variable (see .env.example for every variable).
 */
import * as z from 'zod';
import { parseTimeOfDay, parseWeekday, type DigestSchedule } from './domain/digest/week.ts';
import { DEFAULT_TIME_ZONE } from './domain/timeZone.ts';
import { t } from './i18n.ts';

const telegramIds = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === '') return [] as number[];
    const ids = value
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(Number);
    if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
      ctx.addIssue({ code: 'custom', message: t('config-telegram-ids') });
      return z.NEVER;
    }
    return ids;
  });

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ message: t('config-url') }).optional());

const configSchema = z
  .object({
    BOT_TOKEN: z
      .string()
      .trim()
      .transform((value) => (value === '' ? undefined : value))
      .pipe(
        z
          .string()
          .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, t('config-bot-token-invalid'))
          .optional(),
      )
      .optional(),
    BOT_USERNAME: z
      .string()
      .trim()
      .transform((value) => (value === '' ? undefined : value.replace(/^@/, '')))
      .pipe(
        z
          .string()
          .regex(/^[A-Za-z0-9_]{5,64}$/, t('config-bot-username'))
          .optional(),
      )
      .optional(),
    DATABASE_URL: z
      .string()
      .trim()
      .transform((value) => (value === '' ? undefined : value))
      .pipe(
        z
          .string()
          .regex(/^postgres(ql)?:\/\//, t('config-database-url'))
          .optional(),
      )
      .optional(),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    ADMIN_TELEGRAM_IDS: telegramIds.default([]),
    TELEGRAM_API_ROOT: optionalUrl.optional(),
    WEBHOOK_URL: optionalUrl.optional(),
    WEBHOOK_SECRET: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, t('config-webhook-secret'))
      .optional(),
    WEBHOOK_HOST: z.string().trim().default('0.0.0.0'),
    WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    REGION_NAME: z.string().trim().min(1).default('Регион'),
    // built-in forms name the seed's Smolensk bodies (СОИРО, РУМО); an installation names its own
    REGION_INSTITUTE: z.string().trim().min(1).optional(),
    REGION_METHODICAL_ASSOCIATION: z.string().trim().min(1).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TZ_NAME: z.string().trim().default(DEFAULT_TIME_ZONE),
    DIGEST_DAY: z
      .string()
      .trim()
      .default('1')
      .transform((value, ctx) => {
        const weekday = parseWeekday(value);
        if (weekday === null) {
          ctx.addIssue({ code: 'custom', message: t('config-digest-day') });
          return z.NEVER;
        }
        return weekday;
      }),
    DIGEST_TIME: z
      .string()
      .trim()
      .default('09:00')
      .transform((value, ctx) => {
        const time = parseTimeOfDay(value);
        if (time === null) {
          ctx.addIssue({ code: 'custom', message: t('config-digest-time') });
          return z.NEVER;
        }
        return time;
      }),
    DIGEST_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    BOT_API_RETRY_MS: z.coerce
      .number({ message: t('config-bot-api-retry-ms') })
      .int({ message: t('config-bot-api-retry-ms') })
      .min(10, { message: t('config-bot-api-retry-ms') })
      .max(60_000, { message: t('config-bot-api-retry-ms') })
      .default(1_000),
    KURATOR_CLOCK_START: z
      .string()
      .trim()
      .transform((value) => (value === '' ? undefined : value))
      .pipe(z.iso.datetime({ offset: true, message: t('config-clock-start') }).optional())
      .optional(),
  })
  .superRefine((config, ctx) => {
    try {
      new Intl.DateTimeFormat('ru-RU', { timeZone: config.TZ_NAME });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['TZ_NAME'], message: t('config-time-zone') });
    }
    if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: t('config-webhook-secret-required'),
      });
    }
  });

/** Polling needs nothing more; a webhook needs its URL, secret and where to listen. */
type UpdatesConfig = { mode: 'polling' } | { mode: 'webhook'; url: string; secret: string; host: string; port: number };

export type Config = {
  /** '' only when the caller did not require it (the CLI). */
  botToken: string;
  botUsername: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Port of the embedded PostgreSQL on 127.0.0.1; 0: a free one at each start. */
  embeddedPgPort: number;
  adminTelegramIds: number[];
  telegramApiRoot: string | undefined;
  /** how updates arrive: long polling, or a webhook when WEBHOOK_URL is set */
  updates: UpdatesConfig;
  inviteTtlDays: number;
  regionName: string;
  /** replaces «СОИРО» / «РУМО» of the seed's forms; undefined keeps the seed's words */
  regionalBodies: { institute: string | undefined; methodicalAssociation: string | undefined };
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  timeZone: string;
  /** when the weekly digest goes out (DIGEST_DAY, DIGEST_TIME in TZ_NAME) */
  digestSchedule: DigestSchedule;
  /** how often the bot looks for due digests (DIGEST_CHECK_SECONDS) */
  digestCheckMs: number;
  /** KURATOR_CLOCK_START: the process clock starts at this moment (demos and process tests) */
  clockStart: Date | undefined;
  /**
   * BOT_API_RETRY_MS: the first pause before a start-up call or getUpdates is retried; it doubles
   * up to ten times this (process tests shorten it)
   */
  botApiRetryMs: number;
};

export class ConfigError extends Error {}

/** Validates the environment; throws ConfigError whose message is ready to print. */
export function parseConfig(
  env: Record<string, string | undefined>,
  options: { requireBotToken?: boolean } = {},
): Config {
  const schema =
    options.requireBotToken === false
      ? configSchema
      : configSchema.refine((config) => config.BOT_TOKEN !== undefined, {
          path: ['BOT_TOKEN'],
          message: t('config-bot-token-missing'),
        });
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
    throw new ConfigError(t('config-error', { details: lines.join('; ') }));
  }
  const c = result.data;
  return {
    botToken: c.BOT_TOKEN ?? '',
    botUsername: c.BOT_USERNAME,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    adminTelegramIds: c.ADMIN_TELEGRAM_IDS,
    telegramApiRoot: c.TELEGRAM_API_ROOT,
    updates:
      c.WEBHOOK_URL && c.WEBHOOK_SECRET
        ? { mode: 'webhook', url: c.WEBHOOK_URL, secret: c.WEBHOOK_SECRET, host: c.WEBHOOK_HOST, port: c.WEBHOOK_PORT }
        : { mode: 'polling' },
    inviteTtlDays: c.INVITE_TTL_DAYS,
    regionName: c.REGION_NAME,
    regionalBodies: { institute: c.REGION_INSTITUTE, methodicalAssociation: c.REGION_METHODICAL_ASSOCIATION },
    logLevel: c.LOG_LEVEL,
    timeZone: c.TZ_NAME,
    digestSchedule: { weekday: c.DIGEST_DAY, ...c.DIGEST_TIME, timeZone: c.TZ_NAME },
    digestCheckMs: c.DIGEST_CHECK_SECONDS * 1000,
    clockStart: c.KURATOR_CLOCK_START ? new Date(c.KURATOR_CLOCK_START) : undefined,
    botApiRetryMs: c.BOT_API_RETRY_MS,
  };
}
