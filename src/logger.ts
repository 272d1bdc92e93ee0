import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * What never reaches a log line: message texts and captions (they carry invite links and what
 * people typed), inline keyboards, invite codes. grammY's errors carry the whole request
 * payload (`err.payload`); the error serializer keeps only the method's chat from it.
 */
const REDACT_PATHS = [
  'text',
  'caption',
  'code',
  'link',
  'inviteLink',
  'payload.text',
  'payload.caption',
  'payload.reply_markup',
  '*.text',
  '*.caption',
  '*.code',
  '*.link',
  '*.inviteLink',
  'update.message.text',
  'update.callback_query.message.text',
];

const REDACTED = '[скрыто]';

function errSerializer(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (serialized && typeof serialized === 'object' && 'payload' in serialized) {
    const payload = serialized.payload as Record<string, unknown> | undefined;
    serialized.payload = payload && typeof payload === 'object' ? { chat_id: payload.chat_id } : undefined;
  }
  if (typeof serialized?.message === 'string')
    serialized.message = serialized.message.replace(/(start=)[A-Za-z0-9_-]+/g, `$1${REDACTED}`);
  return serialized;
}

/** JSON lines to stdout; `LOG_PRETTY=1` for people reading a terminal. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const pretty = process.env.LOG_PRETTY === '1' && !destination;
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'kurator' },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: errSerializer },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
