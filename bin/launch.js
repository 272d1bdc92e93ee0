// Runs a compiled entry of dist/ (scripts/build-cli.mjs, built on `npm ci`) when it is newer than
// every source file, and the TypeScript source through tsx otherwise (or with KURATOR_TSX=1): an
// edited source is never shadowed by a stale build. Shared by bin/kurator.js and bin/bot.js.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(bundle) {
  if (process.env.KURATOR_TSX === '1') return false;
  try {
    return statSync(bundle).mtimeMs >= newestMtime(join(root, 'src'));
  } catch {
    return false;
  }
}

/** `bundle`: path under dist/; `source`: the TypeScript entry under src/. */
export async function launch(bundle, source) {
  const compiled = join(root, 'dist', bundle);
  if (isFresh(compiled)) {
    await import(pathToFileURL(compiled).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, source)).href);
}
