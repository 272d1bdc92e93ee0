/**
 * Applies Prisma migrations (prisma/migrations, Prisma's standard layout) through the WASM build
 * of Prisma's schema engine: the native engine binary cannot be downloaded on our machines.
 * Works on both backends: the engine talks SQL through the same driver adapter as the app.
 */
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

import { MIGRATIONS_DIR, SCHEMA_PATH } from './paths.ts';

export { MIGRATIONS_DIR };

// Node has WebAssembly; our `lib` setting (no DOM) does not declare it.
const wasmRuntime = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
    };
  }
).WebAssembly;

let engineModule: Promise<typeof engineGlue> | undefined;

/** Instantiates the engine's WASM once per process (wasm-bindgen "bundler" output, wired by hand). */
function loadEngineModule(): Promise<typeof engineGlue> {
  engineModule ??= (async () => {
    // createRequire rather than import.meta.resolve: vitest's module runner (globalSetup) lacks it.
    const packageDir = dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm'));
    const bytes = await readFile(join(packageDir, 'schema_engine_bg.wasm'));
    const { instance } = await wasmRuntime.instantiate(bytes, { './schema_engine_bg.js': engineGlue });
    engineGlue.__wbg_set_wasm(instance.exports as never);
    (instance.exports.__wbindgen_start as () => void)();
    return engineGlue;
  })();
  return engineModule;
}

/**
 * Runs `work` with a schema engine over the adapter factory, then frees the engine and closes
 * every connection it opened: the engine keeps its connection (and the migration advisory lock
 * on PostgreSQL) otherwise, and the next migrator would wait for it.
 */
async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schemaContent: string | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadEngineModule();
  const datamodel = schemaContent ?? (await readFile(SCHEMA_PATH, 'utf8'));
  const opened: SqlDriverAdapter[] = [];
  // The engine disposes some adapters itself (the shadow database's); a second dispose of a pg
  // pool throws, so each adapter is disposed once, whoever asks first.
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    let disposing: Promise<void> | undefined;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => (disposing ??= dispose());
    readCharAsText(adapter);
    opened.push(adapter);
    return adapter;
  };
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    adapterName: adapterFactory.adapterName,
    provider: adapterFactory.provider,
    connect: async () => track(await adapterFactory.connect()),
    connectToShadowDb: async () => track(await adapterFactory.connectToShadowDb()),
  };
  const engine = (await glue.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, datamodel]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracking) as never,
  )) as SchemaEngine;
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

/**
 * The engine's schema description (diff, shadow database) reads catalog columns of PostgreSQL's
 * one-byte type "char" (OID 18, e.g. pg_constraint.contype), which @prisma/adapter-pg 7.10 does
 * not map and rejects as UnsupportedNativeDataType. pg already returns such a value as a string:
 * the column passes the adapter as text and is then typed Character, as the engine expects.
 * Only the migrator's adapters are patched.
 */
function readCharAsText(adapter: SqlDriverAdapter): void {
  const target = adapter as unknown as {
    performIO?: (...args: unknown[]) => Promise<{ fields: { dataTypeID: number }[] }>;
  };
  const performIO = target.performIO?.bind(adapter);
  if (!performIO) return;
  let charColumns: number[] = [];
  target.performIO = async (...args) => {
    const result = await performIO(...args);
    charColumns = [];
    (result.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID === 18) {
        field.dataTypeID = 25;
        charColumns.push(index);
      }
    });
    return result;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character;
    charColumns = [];
    return result;
  };
}

/** Reads prisma/migrations the way the Prisma CLI does. */
async function readMigrationList(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = (await readdir(baseDir, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockPath = join(baseDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      entries.map(async (name) => {
        const sql = await readFile(join(baseDir, name, 'migration.sql'), 'utf8').then(
          (content) => ({ tag: 'ok' as const, value: content }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        );
        return { path: name, migrationFile: { path: 'migration.sql', content: sql } };
      }),
    ),
  };
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Applies every pending migration; returns the names of those applied now. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const migrationsList = await readMigrationList();
  return withSchemaEngine(adapterFactory, undefined, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return output.appliedMigrationNames;
  });
}

/** SQL that takes the database from the committed migrations to the current schema.prisma. */
export async function diffMigrationsToSchema(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const migrations = await readMigrationList();
  return withSchemaEngine(adapterFactory, schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrations },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? '';
  });
}
