/**
 * The project folder (the one holding package.json, locales/ and prisma/), found from this
 * module's location. Code run from the compiled CLI bundle (dist/kurator.mjs) sits at another
 * depth than src/, so paths relative to import.meta.url alone would point elsewhere.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'locales'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return dirname(start);
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
