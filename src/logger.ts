import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** JSON lines to stdout; `LOG_PRETTY=1` for people reading a terminal. */
export function createLogger(level: string): Logger {
  const pretty = process.env.LOG_PRETTY === '1';
  return pino({
    level,
    base: { app: 'kurator' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}
