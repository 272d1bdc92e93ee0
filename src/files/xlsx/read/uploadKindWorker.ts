/**
 * Telling an upload's kind off the main thread for large files: opening the workbook parses its
 * shared strings (a 200,000-row registry has about a million), which took half a second per
 * 50,000 rows on the main thread — every other chat waited (issue 9).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { workerScript } from './workerScript.ts';
import { WORKER_THRESHOLD_BYTES } from './resultsParseWorker.ts';
import type { TableSpec } from './table.ts';
import { detectUploadKind, type UploadDetection } from './uploadKind.ts';

type WorkerMessage<K extends string> =
  | { type: 'done'; detection: UploadDetection<K> }
  | { type: 'failed'; message: string };

export async function detectUploadKindOffThread<K extends string>(
  bytes: Uint8Array,
  specs: Readonly<Record<K, TableSpec<string>>>,
): Promise<UploadDetection<K>> {
  if (bytes.byteLength < WORKER_THRESHOLD_BYTES) return detectUploadKind(bytes, specs);
  // `uploadKindBytes`: each worker module starts on its own key (the parsers' modules load too)
  const worker = new Worker(workerScript(import.meta.url, 'uploadKind'), {
    workerData: { entry: import.meta.url, uploadKindBytes: bytes, specs },
  });
  try {
    return await new Promise<UploadDetection<K>>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage<K>) => {
        if (message.type === 'done') resolve(message.detection);
        else reject(new Error(`upload kind worker failed: ${message.message}`));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`upload kind worker exited with code ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}

if (!isMainThread && parentPort && (workerData as { uploadKindBytes?: unknown } | null)?.uploadKindBytes) {
  const data = workerData as { uploadKindBytes: Uint8Array; specs: Record<string, TableSpec<string>> };
  let message: WorkerMessage<string>;
  try {
    message = { type: 'done', detection: detectUploadKind(data.uploadKindBytes, data.specs) };
  } catch (error) {
    message = { type: 'failed', message: (error as Error).stack ?? String(error) };
  }
  parentPort.postMessage(message);
}
