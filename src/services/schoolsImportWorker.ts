/**
 * A large registry imported on a worker thread with its own database connection (issue 9): the
 * parse, the scope check of every row and the write of 200,000 schools and their audit entries
 * take tens of seconds of CPU, and on the main thread every other chat waited for them (/whoami:
 * 10.7 s during a 199k-row import). The worker runs the same `importSchools` inline, in one
 * transaction, so the import stays all-or-nothing: a crash or a stop mid-way rolls it back.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { workerScript } from '../files/xlsx/read/workerScript.ts';
import { connectWorkerClient } from '../db/client.ts';
import type { Actor } from '../domain/access/policy.ts';
import type { ServiceDeps } from './deps.ts';
import { importSchools, type ImportSchoolsOptions, type ImportSchoolsResult } from './schools.ts';

interface ImportJob {
  schoolsImport: true;
  database: NonNullable<ServiceDeps['workerDatabase']>;
  settings: ServiceDeps['settings'];
  /** the caller's clock at the start (tests move it); the whole import is one moment */
  now: string;
  actor: Actor;
  /** not `bytes`: the results parser's worker module (imported on the way) starts on that key */
  registryBytes: Uint8Array;
  dryRun: boolean;
}

type WorkerMessage = { type: 'done'; result: ImportSchoolsResult } | { type: 'failed'; message: string };

export async function importSchoolsOnWorker(
  deps: ServiceDeps & { workerDatabase: NonNullable<ServiceDeps['workerDatabase']> },
  actor: Actor,
  bytes: Uint8Array,
  options: ImportSchoolsOptions,
): Promise<ImportSchoolsResult> {
  const job: ImportJob = {
    schoolsImport: true,
    database: deps.workerDatabase,
    settings: deps.settings,
    now: deps.now().toISOString(),
    actor,
    registryBytes: bytes,
    dryRun: options.dryRun ?? false,
  };
  const worker = new Worker(workerScript(import.meta.url, 'schoolsImport'), {
    workerData: { entry: import.meta.url, ...job },
  });
  try {
    return await new Promise<ImportSchoolsResult>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'done') resolve(message.result);
        else reject(new Error(`registry import failed on its worker: ${message.message}`));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`registry import worker exited with code ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}

if (!isMainThread && parentPort && (workerData as Partial<ImportJob> | null)?.schoolsImport) {
  const port = parentPort;
  const job = workerData as ImportJob;
  const prisma = connectWorkerClient(job.database.url, job.database.applicationName);
  const at = new Date(job.now);
  let message: WorkerMessage;
  try {
    const result = await importSchools(
      { prisma, now: () => at, settings: job.settings },
      job.actor,
      job.registryBytes,
      {
        inline: true,
        dryRun: job.dryRun,
      },
    );
    message = { type: 'done', result };
  } catch (error) {
    message = { type: 'failed', message: (error as Error).stack ?? String(error) };
  }
  await prisma.$disconnect().catch(() => undefined);
  port.postMessage(message);
}
