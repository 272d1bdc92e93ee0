/** Entry point of `kurator` (bin/kurator.js, `npm run kurator --`). */
import '../v8Flags.ts';
import 'dotenv/config';
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2));
