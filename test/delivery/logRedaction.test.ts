/**
 * Issue 9, «Secrets in logs»: a failed «Приглашение создано…» send logs the error without the
 * message text, the keyboard or the invite link, at info and above.
 */
import { Writable } from 'node:stream';
import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('log redaction', () => {
  it('keeps invite links and message texts out of logged Bot API errors', async () => {
    const link = 'https://t.me/kurator_test_bot?start=Zq3kV9xYw1AbCdEfGhIjKl';
    const error = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
      'sendMessage',
      {
        chat_id: 42,
        text: `Приглашение создано: ${link}`,
        reply_markup: { inline_keyboard: [[{ text: 'Открыть', url: link }]] },
      },
    );
    const { lines, stream } = capture();
    const probe = createLogger('info', stream);
    probe.warn({ err: error, text: `/start ${link.split('=')[1]}` }, 'could not send');
    probe.error({ update: { message: { text: `/start ${link.split('=')[1]}` } } }, 'update failed');
    const logged = lines.join('');
    expect(logged).toContain('could not send');
    expect(logged).toContain('"chat_id":42');
    expect(logged).not.toContain('Zq3kV9xYw1AbCdEfGhIjKl');
    expect(logged).not.toContain('Приглашение создано');
  });
});
