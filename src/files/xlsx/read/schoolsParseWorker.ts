/**
 * The registry sheet parsed off the main thread, like results (resultsParseWorker.ts): a
 * region-sized registry takes seconds of CPU, during which every other chat would wait. The
 * safe reader's caps (zip, cells, shared strings) bound the worker's memory.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { workerScript } from './workerScript.ts';
import { parseSchoolsFile, type ParseSchoolsOptions, type ParseSchoolsOutcome } from './schoolsSheet.ts';
import { WORKER_THRESHOLD_BYTES } from './resultsParseWorker.ts';

type WorkerMessage =
  | { type: 'progress'; rows: number }
  | { type: 'done'; outcome: ParseSchoolsOutcome }
  | { type: 'failed'; message: string };

export async function parseSchoolsFileOffThread(
  bytes: Uint8Array,
  options: ParseSchoolsOptions & { inline?: boolean } = {},
): Promise<ParseSchoolsOutcome> {
  if (options.inline || bytes.byteLength < WORKER_THRESHOLD_BYTES) return parseSchoolsFile(bytes, options);
  const worker = new Worker(workerScript(import.meta.url, 'schoolsParse'), {
    workerData: { entry: import.meta.url, schoolsBytes: bytes, limits: options.limits },
  });
  try {
    return await new Promise<ParseSchoolsOutcome>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') options.onProgress?.(message.rows);
        else if (message.type === 'done') resolve(message.outcome);
        else reject(new Error(message.message));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`registry parser exited with code ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}

if (!isMainThread && parentPort && (workerData as { schoolsBytes?: unknown } | null)?.schoolsBytes) {
  const port = parentPort;
  const data = workerData as { schoolsBytes: Uint8Array; limits?: ParseSchoolsOptions['limits'] };
  try {
    const outcome = parseSchoolsFile(data.schoolsBytes, {
      limits: data.limits,
      onProgress: (rows) => port.postMessage({ type: 'progress', rows } satisfies WorkerMessage),
    });
    port.postMessage({ type: 'done', outcome } satisfies WorkerMessage);
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).stack ?? String(error) } satisfies WorkerMessage);
  }
}
