#!/usr/bin/env node
// `kurator` command: the compiled bundle dist/kurator.mjs while it is fresh — a command then
// starts in well under a second — and the TypeScript sources through tsx otherwise (bin/launch.js).
import { launch } from './launch.js';

await launch('kurator.mjs', 'src/cli/main.ts');
