/**
 * Parsing a big results file takes seconds of CPU. Done on the main thread it would freeze every
 * other chat meanwhile and the progress line could never be updated; so large files are parsed in
 * a worker thread that reports progress as it goes. Small files are parsed inline.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { workerScript } from './workerScript.ts';
import { parseResultsFile, type ParseResultsOptions, type ParseResultsOutcome } from './resultsSheet.ts';

/** Below this size a worker's start-up costs more than it saves. */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;

type WorkerMessage =
  | { type: 'progress'; rows: number }
  | { type: 'done'; outcome: ParseResultsOutcome }
  | { type: 'failed'; message: string };

export async function parseResultsFileOffThread(
  bytes: Uint8Array,
  options: ParseResultsOptions & { inline?: boolean },
): Promise<ParseResultsOutcome> {
  // Inline when asked (a CLI run has no other chats to keep responsive) or when small.
  if (options.inline || bytes.byteLength < WORKER_THRESHOLD_BYTES) return parseResultsFile(bytes, options);
  const worker = new Worker(workerScript(import.meta.url, 'resultsParse'), {
    workerData: { entry: import.meta.url, bytes, knownSchools: [...options.knownSchools], limits: options.limits },
  });
  try {
    return await new Promise<ParseResultsOutcome>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') options.onProgress?.(message.rows);
        else if (message.type === 'done') resolve(message.outcome);
        else reject(new Error(message.message));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`results parser exited with code ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}

if (!isMainThread && parentPort && (workerData as { bytes?: unknown } | null)?.bytes) {
  const port = parentPort;
  const data = workerData as {
    bytes: Uint8Array;
    knownSchools: [string, string][];
    limits?: ParseResultsOptions['limits'];
  };
  try {
    const outcome = parseResultsFile(data.bytes, {
      knownSchools: new Map(data.knownSchools),
      limits: data.limits,
      onProgress: (rows) => port.postMessage({ type: 'progress', rows } satisfies WorkerMessage),
    });
    port.postMessage({ type: 'done', outcome } satisfies WorkerMessage);
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).stack ?? String(error) } satisfies WorkerMessage);
  }
}
