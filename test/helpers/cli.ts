/**
 * Runs `kurator …` in-process (runCli) against its own database: a fresh copy of the migrated
 * template on the test run's server, reached by DATABASE_URL (test/helpers/testDatabase.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createTestDatabaseUrl } from './testDatabase.ts';
import { registrySheet, type SchoolCode } from './workbooks.ts';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliEnvironment {
  dir: string;
  run(...argv: string[]): Promise<CliRun>;
  /** The same database, with some variables changed for this run (e.g. BOT_USERNAME). */
  runWith(extraEnv: Record<string, string>, ...argv: string[]): Promise<CliRun>;
  /** The CLI's database opened directly, to put a dataset in (close it before the next run). */
  openDatabase(): Promise<Database>;
  close(): Promise<void>;
}

export async function cliEnvironment(extraEnv: Record<string, string> = {}): Promise<CliEnvironment> {
  const dir = await mkdtemp(join(tmpdir(), 'kurator-cli-'));
  const database = await createTestDatabaseUrl('kurator_cli');
  const env: Record<string, string> = {
    DATA_DIR: join(dir, 'data'),
    REGION_NAME: 'Тестовая область',
    DATABASE_URL: database.url,
    BOT_TOKEN: '',
    BOT_USERNAME: '',
    ...extraEnv,
  };
  const runWith = async (extra: Record<string, string>, ...argv: string[]): Promise<CliRun> => {
    const runEnv = { ...env, ...extra };
    const saved = Object.fromEntries(Object.keys(runEnv).map((key) => [key, process.env[key]]));
    Object.assign(process.env, runEnv);
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    process.exitCode = undefined;
    try {
      const code = await runCli(argv);
      return { code, stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
      process.exitCode = undefined;
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  };
  return {
    dir,
    run: (...argv) => runWith({}, ...argv),
    runWith,
    openDatabase: () => openDatabase({ kind: 'postgres', url: database.url }),
    async close() {
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A CLI environment whose registry already holds these test schools (`kurator import schools`). */
export async function cliWithSchools(...codes: SchoolCode[]): Promise<CliEnvironment> {
  const cli = await cliEnvironment();
  const registry = join(cli.dir, 'schools.xlsx');
  await writeFile(registry, await registrySheet(...codes));
  const imported = await cli.run('import', 'schools', registry);
  if (imported.code !== 0) throw new Error(`kurator import schools failed (${imported.code}): ${imported.stderr}`);
  return cli;
}
