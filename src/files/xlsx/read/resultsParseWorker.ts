/**
 * Parsing a big results file takes seconds of CPU. Done on the main thread it would freeze every
 * other chat meanwhile and the progress line could never be updated; so large files are parsed in
 * a worker thread that reports progress as it goes and hands the valid rows over in batches, so
 * the import writes one batch while the next is parsed. Small files are parsed inline.
 */
import { Worker, isMainThread, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { workerScript } from './workerScript.ts';
import {
  parseResultsFile,
  type ParseResultsOptions,
  type ParseResultsOutcome,
  type ResultsBatch,
} from './resultsSheet.ts';
import { transferables } from './packedResults.ts';

/** Below this size a worker's start-up costs more than it saves. */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;

/** What a reader of the file gets, in order: batches of valid rows, then the whole verdict. */
export type ResultsParseEvent =
  | ({ type: 'rows' } & ResultsBatch)
  /** `outcome.rows` is empty here: every valid row came in a batch */
  | { type: 'done'; outcome: ParseResultsOutcome };

type WorkerMessage = ResultsParseEvent | { type: 'progress'; rows: number } | { type: 'failed'; message: string };

/** A results file being read: iterate it once; `close()` stops the reading wherever it is. */
export interface ResultsReading extends AsyncIterable<ResultsParseEvent> {
  close(): Promise<void>;
}

type ReadOptions = Omit<ParseResultsOptions, 'onRows' | 'knownSchools'> & {
  /** the registry (school code → name), while the caller is still loading it */
  knownSchools: Promise<ReadonlyMap<string, string>>;
  /** parse on this thread even when the file is big */
  inline?: boolean;
};

/**
 * Starts reading the file at once: a big one in a worker thread, which boots while the caller
 * still loads the registry and sets up its transaction (unless `inline`). Small files are parsed
 * inline when iterated; their batches then follow the whole parse.
 */
export function readResultsFile(bytes: Uint8Array, options: ReadOptions): ResultsReading {
  if (options.inline || bytes.byteLength < WORKER_THRESHOLD_BYTES) {
    options.knownSchools.catch(() => undefined); // a failed registry load is seen by the iteration
    return {
      async *[Symbol.asyncIterator]() {
        const batches: ResultsBatch[] = [];
        const outcome = parseResultsFile(bytes, {
          ...options,
          knownSchools: await options.knownSchools,
          onRows: (batch) => batches.push(batch),
        });
        for (const batch of batches) yield { type: 'rows', ...batch };
        yield { type: 'done', outcome };
      },
      close: async () => undefined,
    };
  }
  // Set once the registry is posted (1) or could not be loaded (2): the worker, busy reading
  // the file meanwhile, waits on it at the first data row.
  const registryState = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(workerScript(import.meta.url, 'resultsParse'), {
    workerData: { entry: import.meta.url, bytes, limits: options.limits, registryState } satisfies WorkerData,
    // The parse makes many short-lived objects; a young generation of 8 MB instead of V8's default
    // measured (`kurator import results`, 90,000 rows): peak RSS 312 → 278 MB, CPU unchanged
    // (4 MB: no smaller, +20 % CPU).
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const inbox = new Inbox<ResultsParseEvent>();
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'progress') options.onProgress?.(message.rows);
    else if (message.type === 'failed') inbox.fail(new Error(message.message));
    else inbox.put(message);
  });
  worker.once('error', (error) => inbox.fail(error));
  worker.once('exit', (code) => inbox.fail(new Error(`results parser exited with code ${code}`)));
  const registryDone = (state: number) => {
    Atomics.store(registryState, 0, state);
    Atomics.notify(registryState, 0);
  };
  options.knownSchools.then(
    (known) => {
      worker.postMessage({ knownSchools: [...known] } satisfies RegistryMessage);
      registryDone(REGISTRY_POSTED);
    },
    (error: Error) => {
      registryDone(REGISTRY_FAILED);
      inbox.fail(error);
    },
  );
  let closed: Promise<number> | null = null;
  const close = async () => {
    closed ??= worker.terminate();
    await closed;
  };
  return {
    async *[Symbol.asyncIterator]() {
      try {
        let event = await inbox.take();
        while (event.type === 'rows') {
          yield event;
          event = await inbox.take();
        }
        yield event;
      } finally {
        await close();
      }
    },
    close,
  };
}

/** What the worker waits for at the first data row: the registry to check the codes against. */
interface RegistryMessage {
  knownSchools: [string, string][];
}

interface WorkerData {
  entry: string;
  bytes: Uint8Array;
  limits: ParseResultsOptions['limits'];
  /** 0 until the registry is posted, then REGISTRY_POSTED or REGISTRY_FAILED */
  registryState: Int32Array;
}

const REGISTRY_POSTED = 1;
const REGISTRY_FAILED = 2;

/**
 * The registry as the worker's reader asks for it: the file is opened, inflated and its header
 * found while the caller still loads the registry (issue 8: ~0.2 s of a cold import); the first
 * code looked up blocks until it is posted (the parse is synchronous, so the message is taken
 * off the port rather than waited for as an event).
 */
function awaitedRegistry(port: NonNullable<typeof parentPort>, state: Int32Array): ParseResultsOptions['knownSchools'] {
  let registry: Map<string, string> | null = null;
  const load = (): Map<string, string> => {
    for (;;) {
      const received = receiveMessageOnPort(port);
      if (received) return new Map((received.message as RegistryMessage).knownSchools);
      if (Atomics.load(state, 0) === REGISTRY_FAILED) throw new Error('the registry could not be loaded');
      Atomics.wait(state, 0, 0, 1000);
    }
  };
  return { get: (code: string) => (registry ??= load()).get(code) };
}

/** Messages in arrival order for one reader; a failure ends the reading after what came before it. */
class Inbox<T> {
  private readonly items: T[] = [];
  private failure: Error | null = null;
  private waiting: { resolve: (item: T) => void; reject: (error: Error) => void } | null = null;

  put(item: T): void {
    if (this.waiting) {
      this.waiting.resolve(item);
      this.waiting = null;
    } else this.items.push(item);
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(error);
    this.waiting = null;
  }

  take(): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }
}

if (!isMainThread && parentPort && (workerData as Partial<WorkerData> | null)?.bytes) {
  const port = parentPort;
  const data = workerData as WorkerData;
  try {
    const outcome = parseResultsFile(data.bytes, {
      knownSchools: awaitedRegistry(port, data.registryState),
      limits: data.limits,
      onProgress: (rows) => port.postMessage({ type: 'progress', rows } satisfies WorkerMessage),
      // the columns' buffers are moved to the main thread, not copied
      onRows: (batch) =>
        port.postMessage({ type: 'rows', ...batch } satisfies WorkerMessage, transferables(batch.rows)),
    });
    port.postMessage({ type: 'done', outcome } satisfies WorkerMessage);
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).stack ?? String(error) } satisfies WorkerMessage);
  }
}
