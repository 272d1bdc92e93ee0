/**
 * Runs `kurator …` in-process (runCli) against its own database: a temporary DATA_DIR, or a
 * fresh database on the server of DATABASE_URL when the suite runs on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createDatabase, dropDatabase } from '../support/postgres.ts';

export interface CliRun {
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
  const serverUrl = process.env.DATABASE_URL;
  const dbName = `kurator_cli_${randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = {
    DATA_DIR: join(dir, 'data'),
    REGION_NAME: 'Тестовая область',
    DATABASE_URL: serverUrl ? await createDatabase(serverUrl, dbName) : '',
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
    openDatabase: () =>
      openDatabase(
        env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.DATA_DIR! },
      ),
    async close() {
      if (serverUrl) await dropDatabase(serverUrl, dbName);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
