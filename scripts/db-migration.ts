/**
 * `npm run db:migration -- NAME`: writes prisma/migrations/<timestamp>_<NAME>/migration.sql with
 * the SQL that takes the committed migrations to the current prisma/schema.prisma.
 * The diff runs on an in-memory PGlite (the engine's shadow database), so no server is needed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { MIGRATIONS_DIR, diffMigrationsToSchema } from '../src/db/migrate.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Укажите имя миграции латиницей: npm run db:migration -- add_campaigns');
  process.exit(1);
}
const pglite = new PGlite();
const sql = await diffMigrationsToSchema(new PrismaPGlite(pglite));
await pglite.close();
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log('Схема не изменилась: новая миграция не нужна.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(join(dir, 'migration.sql'), sql);

console.log(`Записана миграция ${dir}`);
