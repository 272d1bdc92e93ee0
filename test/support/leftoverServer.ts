// Tests that kill -9 a process on the embedded database leave its server running (it survives
// its starter, as it should); their afterAll stops it here before removing the DATA_DIR.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterDir } from '../../src/db/embeddedServer.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Fast shutdown of the embedded server of `dataDir`, if one runs; waits until it is gone. */
export async function stopLeftoverServer(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(clusterDir(dataDir), 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!pid || !alive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}
