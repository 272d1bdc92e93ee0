#!/usr/bin/env node
// `kurator` command. Runs the compiled bundle dist/kurator.mjs (scripts/build-cli.mjs, built on
// `npm ci`) when it is newer than every source file — a command then starts in well under a
// second — and the TypeScript sources through tsx otherwise (or with KURATOR_TSX=1).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'kurator.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.KURATOR_TSX === '1') return false;
  try {
    return statSync(bundle).mtimeMs >= newestMtime(join(root, 'src'));
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
