/**
 * Issue 10: `kurator invite` and `kurator invites` show the per-territory number, and
 * `kurator invites --revoke N` takes it; a number that exists in several municipalities asks
 * for --municipality instead of guessing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWithSchools, type CliEnvironment } from '../helpers/cli.ts';

let cli: CliEnvironment;
beforeAll(async () => {
  cli = await cliWithSchools('sch710001', 'sch670001');
});
afterAll(async () => cli?.close());

describe('kurator invites and the numbers people see', () => {
  it('numbers count per municipality; --revoke N asks which when N is in two; --municipality picks one', async () => {
    const dubna = await cli.run('invite', '--role', 'coordinator', '--municipality', 'Дубенский район');
    const yelnya = await cli.run('invite', '--role', 'director', '--school', 'sch670001');
    expect(dubna.stdout).toMatch(/^Приглашение № 1: /);
    expect(yelnya.stdout).toMatch(/^Приглашение № 1: /);

    const ambiguous = await cli.run('invites', '--revoke', '1');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain(
      'приглашение № 1 есть в нескольких местах: «Ельнинский район», «Дубенский район»',
    );

    const revoked = await cli.run('invites', '--revoke', '1', '--municipality', 'Ельнинский район');
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Приглашение № 1 отозвано');
    const list = await cli.run('invites');
    expect(list.stdout).toMatch(/№ 1 · муниципальный координатор · Дубенский район · действует/);
    expect(list.stdout).toMatch(/№ 1 · представитель школы · Ельнинская СОШ № 1 \(sch670001\) · отозвано/);
  });
});
