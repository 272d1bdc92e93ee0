/**
 * Memory of a process and everything it runs (npm → node → postgres and its backends), read from
 * /proc. RSS summed over processes counts shared pages (PostgreSQL's shared buffers, libraries)
 * once per process, so PSS — each shared page divided among its users — is printed next to it.
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses: the fields after the last ')' are fixed
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** `root` and all its descendants that are alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function kb(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

export interface TreeMemory {
  processes: number;
  rssMb: number;
  pssMb: number;
}

/** Current RSS and PSS summed over `pids` (processes that are gone count zero). */
export function memoryOf(pids: number[]): TreeMemory {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += kb(rollup, 'Rss');
      pss += kb(rollup, 'Pss');
      processes++;
    } catch {
      // exited meanwhile
    }
  }
  return { processes, rssMb: rss / 1024, pssMb: pss / 1024 };
}

/**
 * Samples the summed memory of the tree under `root` (plus `extra` pids, e.g. a server started
 * earlier) every `intervalMs` until stopped; returns the peaks.
 */
export function sampleTreePeak(root: number, extra: () => number[] = () => [], intervalMs = 100) {
  const peak: TreeMemory = { processes: 0, rssMb: 0, pssMb: 0 };
  const sample = () => {
    const pids = new Set([...processTree(root), ...extra().flatMap((pid) => processTree(pid))]);
    const now = memoryOf([...pids]);
    peak.processes = Math.max(peak.processes, now.processes);
    peak.rssMb = Math.max(peak.rssMb, now.rssMb);
    peak.pssMb = Math.max(peak.pssMb, now.pssMb);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): TreeMemory {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
