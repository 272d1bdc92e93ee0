/**
 * `npm run db:migration -- NAME`: writes prisma/migrations/<timestamp>_<NAME>/migration.sql with
 * the SQL that takes the committed migrations to the current prisma/schema.prisma.
 * The diff runs on a throwaway embedded PostgreSQL server in a temporary folder (the engine's
 * shadow database lives there), so no server needs to be installed or running.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { ensureEmbeddedServer, withDatabase } from '../src/db/embeddedServer.ts';
import { MIGRATIONS_DIR, diffMigrationsToSchema } from '../src/db/migrate.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Укажите имя миграции латиницей: npm run db:migration -- add_campaigns');
  process.exit(1);
}
const scratch = await mkdtemp(join(tmpdir(), 'kurator-migration-'));
const server = await ensureEmbeddedServer(scratch, { settings: { fsync: 'off' } });
let sql: string;
try {
  // The engine replays the migrations into a shadow database: a plain second database on the
  // same throwaway server (adapter-pg's own connectToShadowDb misplaces it here).
  const main = new PrismaPg({ connectionString: server.url, max: 2 });
  const shadow = new PrismaPg({ connectionString: withDatabase(server.url, 'postgres'), max: 2 });
  sql = await diffMigrationsToSchema({
    adapterName: main.adapterName,
    provider: main.provider,
    connect: () => main.connect(),
    connectToShadowDb: () => shadow.connect(),
  });
} finally {
  await server.stop();
  await rm(scratch, { recursive: true, force: true });
}
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log('Схема не изменилась: новая миграция не нужна.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(join(dir, 'migration.sql'), sql);

console.log(`Записана миграция ${dir}`);
