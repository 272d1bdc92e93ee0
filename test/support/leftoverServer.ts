// Tests that kill -9 a process on the embedded database leave its server running (it survives
// its starter, as it should); their afterAll stops it here before removing the DATA_DIR.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterDir } from '../../src/db/embeddedServer.ts';

/** Whether a process with this pid runs (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Fast shutdown of the embedded server of `dataDir`, if one runs; waits until it is gone. */
export async function stopLeftoverServer(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(clusterDir(dataDir), 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}
