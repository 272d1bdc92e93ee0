/**
 * V8 settings of our own processes (the bot and `kurator`), imported first by both entry points.
 *
 * `--liftoff-only`: Prisma's query compiler is a WebAssembly module. By default V8 compiles it
 * twice — Liftoff, then TurboFan for hot functions in background threads — and keeps both. Liftoff
 * alone measured here (issue 8): the bot's idle RSS −90 MB, `kurator users` −0.5 s of CPU and
 * −45 MB, and 4,500 Prisma queries no slower (CPU 4.4–4.8 s against 4.7–5.3 s). WebAssembly is
 * compiled when first used, after this module has run, so setting the flag here takes effect.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
