/**
 * What a parse worker thread runs: the module's own compiled entry, dist/workers/NAME.mjs
 * (scripts/build-cli.mjs) — from the bundle always, and from the TypeScript sources too while
 * that build is fresh (newer than every file in src/, the rule of bin/launch.js; not with
 * KURATOR_TSX=1). Otherwise tsx's bootstrap, which then imports the module: a worker does not
 * inherit the main thread's loader, and through tsx it boots in ~0.5 s and starts an esbuild
 * process of its own (measured in bench:import), so a fresh build is preferred.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFresh } from '../../../../bin/freshBuild.js';
import { PROJECT_ROOT } from '../../../projectRoot.ts';

export type WorkerName = 'resultsParse' | 'schoolsParse' | 'uploadKind' | 'schoolsImport';

/** `moduleUrl`: the worker module's import.meta.url (also what the bootstrap imports). */
export function workerScript(moduleUrl: string, name: WorkerName): URL {
  const compiled = join(PROJECT_ROOT, 'dist', 'workers', `${name}.mjs`);
  if (!moduleUrl.endsWith('.ts') || freshWorker(compiled)) return pathToFileURL(compiled);
  return new URL('./tsWorkerBootstrap.mjs', import.meta.url);
}

/** Per compiled worker: whether it is fresh (the walk of src/ is done once per process). */
const freshness = new Map<string, boolean>();

function freshWorker(compiled: string): boolean {
  let fresh = freshness.get(compiled);
  if (fresh === undefined) freshness.set(compiled, (fresh = isFresh(compiled, join(PROJECT_ROOT, 'src'))));
  return fresh;
}
