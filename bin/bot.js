#!/usr/bin/env node
// The bot (`npm start`): the compiled bundle dist/bot.mjs while it is fresh, the TypeScript
// sources through tsx otherwise (bin/launch.js). The bundle saves the bot ~90 MB of resident
// memory: no tsx loader thread, no esbuild service process (issue 8).
import { launch } from './launch.js';

await launch('bot.mjs', 'src/main.ts');
