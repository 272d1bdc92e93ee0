// Generates the Prisma client (src/db/generated) on `npm ci`.
// Prisma's CLI insists on a schema-engine binary even for `generate`, which never uses it, and the
// binary cannot be downloaded here (DEVELOPERS.md, «Environment facts»). Any existing file satisfies
// the check; migrations run through @prisma/schema-engine-wasm instead (src/db/migrate.ts).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { cwd: root, env, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

// The generated client imports the query compiler's WebAssembly as an ES module holding a 2.3 MB
// base64 string: an ES module and its source text live as long as the process, so every process
// would keep ~4.5 MB of strings it needs once. Read it through require() instead and drop it from
// the cache: both strings are garbage once the module is compiled (issue 8, idle memory).
const classPath = join(root, 'src/db/generated/internal/class.ts');
const generated = readFileSync(classPath, 'utf8');
const wasmImport = /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/[^"]+\.wasm-base64)\.mjs"\)/;
if (!wasmImport.test(generated)) {
  console.error(`prisma-generate: the query compiler import in ${classPath} has changed; update this script`);
  process.exit(1);
}
writeFileSync(
  classPath,
  generated.replace(
    wasmImport,
    (_, id) =>
      `const { wasm } = await (async () => { const require = (await import('node:module')).createRequire(import.meta.url); const path = require.resolve("${id}.js"); try { return require(path) } finally { delete require.cache[path] } })()`,
  ),
);
