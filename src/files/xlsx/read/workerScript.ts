/**
 * What a parse worker thread runs. From the TypeScript sources: tsx's bootstrap, which then
 * imports the module (a worker does not inherit the main thread's loader). From the compiled
 * bundle (dist/, scripts/build-cli.mjs): the module's own compiled entry, dist/workers/NAME.mjs
 * — the module's code sits in a shared chunk there, so its own URL would not do.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../../projectRoot.ts';

export type WorkerName = 'resultsParse' | 'schoolsParse' | 'uploadKind' | 'schoolsImport';

/** `moduleUrl`: the worker module's import.meta.url (also what the bootstrap imports). */
export function workerScript(moduleUrl: string, name: WorkerName): URL {
  return moduleUrl.endsWith('.ts')
    ? new URL('./tsWorkerBootstrap.mjs', import.meta.url)
    : pathToFileURL(join(PROJECT_ROOT, 'dist', 'workers', `${name}.mjs`));
}
