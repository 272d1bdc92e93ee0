// Runs a compiled entry of dist/ (scripts/build-cli.mjs, built on `npm ci`) when it is newer than
// every source file, and the TypeScript source through tsx otherwise (or with KURATOR_TSX=1): an
// edited source is never shadowed by a stale build. Shared by bin/kurator.js and bin/bot.js.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFresh } from './freshBuild.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `bundle`: path under dist/; `source`: the TypeScript entry under src/. */
export async function launch(bundle, source) {
  const compiled = join(root, 'dist', bundle);
  if (isFresh(compiled, join(root, 'src'))) {
    await import(pathToFileURL(compiled).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, source)).href);
}
