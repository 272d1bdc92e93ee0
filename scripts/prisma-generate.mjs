// Generates the Prisma client (src/db/generated) on `npm ci`.
// Prisma's CLI insists on a schema-engine binary even for `generate`, which never uses it, and the
// binary cannot be downloaded here (DEVELOPERS.md, «Environment facts»). Any existing file satisfies
// the check; migrations run through @prisma/schema-engine-wasm instead (src/db/migrate.ts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
