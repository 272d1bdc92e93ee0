// Entry of worker threads that run TypeScript modules: a worker does not inherit the main
// thread's tsx loader, so it registers its own and then imports the real module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
