/**
 * Issue 10: `kurator invite` and `kurator invites` show the per-territory number, and
 * `kurator invites --revoke N` takes it; a number that exists in several municipalities asks
 * for --municipality instead of guessing.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnvironment, type CliEnvironment } from '../helpers/cli.ts';
import { schoolsSheet } from '../helpers/workbooks.ts';

let cli: CliEnvironment;
beforeAll(async () => {
  cli = await cliEnvironment();
  const registry = join(cli.dir, 'schools.xlsx');
  await writeFile(
    registry,
    await schoolsSheet([
      ['Дубенский район', 'sch710001', 'МБОУ «Дубенская СОШ № 1»', 'Дубенская СОШ № 1', 'СОШ', 'п. Дубна', 'да'],
      ['Ельнинский район', 'sch670001', 'МБОУ «Ельнинская СОШ № 1»', 'Ельнинская СОШ № 1', 'СОШ', 'г. Ельня', 'нет'],
    ]),
  );
  expect((await cli.run('import', 'schools', registry)).code).toBe(0);
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
