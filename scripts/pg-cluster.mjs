#!/usr/bin/env node
// Starts or stops a throwaway PostgreSQL cluster for test runs (used by .ci/run).
//   node scripts/pg-cluster.mjs start --state FILE   prints the URL on stdout, writes FILE
//   node scripts/pg-cluster.mjs stop  --state FILE   stops that cluster and removes its folder
// FILE defaults to $PG_CLUSTER_STATE or /tmp/kurator-pg-cluster.json.
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { startCluster, stopCluster } from '../test/support/pgCluster.mjs';

const [command, ...rest] = process.argv.slice(2);
const stateIndex = rest.indexOf('--state');
const stateFile =
  stateIndex >= 0 && rest[stateIndex + 1]
    ? rest[stateIndex + 1]
    : (process.env.PG_CLUSTER_STATE ?? '/tmp/kurator-pg-cluster.json');

try {
  if (command === 'start') {
    const startedAt = Date.now();
    const { stop: _stop, ...cluster } = await startCluster({ stopOnExit: false });
    writeFileSync(stateFile, JSON.stringify(cluster, null, 2));
    process.stderr.write(
      `PostgreSQL (${cluster.binDir}) started in ${Date.now() - startedAt} ms at ${cluster.url}, folder ${cluster.baseDir}, state ${stateFile}\n`,
    );
    process.stdout.write(`${cluster.url}\n`);
  } else if (command === 'stop') {
    if (!existsSync(stateFile)) {
      process.stderr.write(`No cluster state at ${stateFile}: nothing to stop.\n`);
    } else {
      const startedAt = Date.now();
      await stopCluster(JSON.parse(readFileSync(stateFile, 'utf8')));
      rmSync(stateFile, { force: true });
      process.stderr.write(`PostgreSQL stopped in ${Date.now() - startedAt} ms\n`);
    }
  } else {
    process.stderr.write('Usage: node scripts/pg-cluster.mjs start|stop [--state FILE]\n');
    process.exit(2);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
