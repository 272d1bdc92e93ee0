/**
 * Issue 9, «CLI arguments»: every wrong argument gets one Russian line naming it, exit code 2,
 * and nothing is written; a device such as /dev/zero is refused instead of read forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnvironment, type CliEnvironment } from '../helpers/cli.ts';

describe('kurator argument checks', () => {
  let cli: CliEnvironment;
  beforeAll(async () => {
    cli = await cliEnvironment();
  });
  afterAll(async () => cli?.close());

  it.each([
    ['0', '«0»'],
    ['-5', '«-5»'],
    ['100000', '«100000»'],
    ['abc', '«abc»'],
    ['7.5', '«7.5»'],
  ])('invite --days %s: usage error, exit 2, no invite', async (days, shown) => {
    const run = await cli.run('invite', '--role', 'coordinator', '--region', '--days', days);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`Ошибка в команде: --days ${shown}: нужно целое число дней от 1 до 90, например --days 7.`);
    const list = await cli.run('invites');
    expect(list.stdout).not.toContain('действует до');
  });

  it('invite --days 90 is accepted', async () => {
    const run = await cli.run('invite', '--role', 'coordinator', '--region', '--days', '90');
    expect(run.code).toBe(0);
  });

  it('invites --revoke abc: usage error, exit 2, no raw Prisma error', async () => {
    const run = await cli.run('invites', '--revoke', 'abc');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'Ошибка в команде: --revoke «abc»: нужен номер — целое положительное число, например --revoke 12 (номера показывает «kurator invites»).',
    );
    expect(run.stderr).not.toContain('Prisma');
  });

  it('import schools /dev/zero is refused at once', async () => {
    const run = await cli.run('import', 'schools', '/dev/zero'); // never read: the test's timeout would catch a hang
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'Ошибка в команде: «/dev/zero» — не обычный файл (устройство, папка или канал). Укажите путь к файлу .xlsx.',
    );
  });

  it('an unknown option is a usage error too', async () => {
    const run = await cli.run('invites', '--revok', '3');
    expect(run.code).toBe(2);
  });
});

describe('kurator writing into a closed pipe (`kurator … | head -1`)', () => {
  it('ends quietly, exit 0, when the reader has gone before the output ends', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const kurator = fileURLToPath(new URL('../../bin/kurator.js', import.meta.url));
    // --help needs no database; the reader closes its end before the first line arrives
    const child = spawn(process.execPath, [kurator, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
