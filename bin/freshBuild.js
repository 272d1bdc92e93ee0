// The rule for running compiled code (scripts/build-cli.mjs builds dist/ on `npm ci`): a file of
// dist/ is used only while it is newer than every file in src/, and never with KURATOR_TSX=1, so
// an edited source is never shadowed by a stale build. bin/launch.js applies it to the entry
// points, src/files/xlsx/read/workerScript.ts to the parse workers.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when `compiled` exists and is newer than every file under `sourceDir`. */
export function isFresh(compiled, sourceDir) {
  if (process.env.KURATOR_TSX === '1') return false;
  try {
    return statSync(compiled).mtimeMs >= newestMtime(sourceDir);
  } catch {
    return false; // not built
  }
}
