/** Issue 10: `kurator history КОД` reads the audit log — who changed what, when, before → after. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnvironment, type CliEnvironment } from '../helpers/cli.ts';
import { registrySheet, resultsSheet } from '../helpers/workbooks.ts';
import { writeFile } from 'node:fs/promises';

let cli: CliEnvironment;
beforeAll(async () => {
  cli = await cliEnvironment();
});
afterAll(async () => cli?.close());

describe('kurator history', () => {
  it('lists a replaced result old → new and a registry edit', async () => {
    const registry = join(cli.dir, 'schools.xlsx');
    await writeFile(registry, await registrySheet('sch710001'));
    expect((await cli.run('import', 'schools', registry)).code).toBe(0);
    const first = join(cli.dir, 'r1.xlsx');
    const second = join(cli.dir, 'r2.xlsx');
    await writeFile(
      first,
      await resultsSheet([['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ВПР', 'Математика', 5, 28, 3]]),
    );
    await writeFile(
      second,
      await resultsSheet([['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ВПР', 'Математика', 5, 28, 9]]),
    );
    expect((await cli.run('import', 'results', first)).code).toBe(0);
    expect((await cli.run('import', 'results', second)).code).toBe(0);
    const out = await cli.run('history', 'sch710001');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Журнал изменений: Дубенская СОШ № 1 (sch710001)');
    expect(out.stdout).toContain(
      'командная строка: ВПР, Математика, 5 класс, 2023/2024: не справились 3 из 28 → 9 из 28',
    );
    expect(out.stdout).toContain('школа внесена в реестр');
    const unknown = await cli.run('history', 'sch999999');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('нет в реестре');
  });
});
