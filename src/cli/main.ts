/** Entry point of `kurator` (bin/kurator.js, `npm run kurator --`). */
import '../v8Flags.ts';
import 'dotenv/config';
import { runCli } from './program.ts';

// `kurator … | head`: the reader may leave before the output ends. Writing on is pointless, but
// the command's work (an import) is done or being done: finish it quietly, no stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await runCli(process.argv.slice(2));
