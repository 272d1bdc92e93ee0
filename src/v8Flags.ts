/**
 * V8 settings of our own processes (the bot and `kurator`), imported first by both entry points.
 *
 * `--liftoff-only`: Prisma's query compiler is a WebAssembly module. By default V8 compiles it
 * twice — Liftoff, then TurboFan for hot functions in background threads — and keeps both. Liftoff
 * alone measured here (issue 8): the bot's idle RSS −90 MB, `kurator users` −0.5 s of CPU and
 * −45 MB, and 4,500 Prisma queries no slower (CPU 4.4–4.8 s against 4.7–5.3 s). WebAssembly is
 * compiled when first used, after this module has run, so setting the flag here takes effect.
 *
 * `--heap-growing-percent=30`: the heap grows by 30 % between full collections instead of up to
 * 4×. A 90,000-row import measured (bench:import, `kurator import results`): node's peak RSS
 * 305–410 → 276–282 MB, the summed peak with the server under 400 MB, CPU 2.7–3.9 → 3.8–4.2 s.
 * (`--optimize-for-size` went further, 231 MB, but doubled the CPU time.) V8 reads it at every
 * collection, so setting it here takes effect.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
setFlagsFromString('--heap-growing-percent=30');
