/**
 * Runs are stored (issue #4): a school's history shows when it entered or left each list.
 * These are the pure parts: what a stored run keeps, the diff of two runs of one method, and a
 * school's timeline. Storage itself belongs to the services / db layers.
 */
import type { AcademicYear } from '../results/types.ts';
import type { IdentificationResult } from './cliJson.ts';
import type { IdentificationMethod } from './verdict.ts';

export interface IdentificationRun {
  runId: string;
  method: IdentificationMethod;
  year: AcademicYear | null;
  /** ISO 8601 timestamp; runs of one method are ordered by it */
  ranAt: string;
  /** codes of the flagged schools, sorted */
  flagged: readonly string[];
}

export function runOf(result: IdentificationResult, runId: string, ranAt: string): IdentificationRun {
  const verdicts: ReadonlyArray<{ schoolCode: string; flagged: boolean }> = result.verdicts;
  const flagged = verdicts.filter((verdict) => verdict.flagged).map((verdict) => verdict.schoolCode);
  return { runId, method: result.method, year: result.year, ranAt, flagged: flagged.sort() };
}

export interface RunDiff {
  method: IdentificationMethod;
  fromRunId: string | null;
  toRunId: string;
  year: AcademicYear | null;
  /** flagged now, not in the previous run (all flagged schools when there is no previous run) */
  entered: string[];
  /** flagged in the previous run, not now */
  left: string[];
  stayed: string[];
}

export function diffRuns(previous: IdentificationRun | null, current: IdentificationRun): RunDiff {
  if (previous !== null && previous.method !== current.method) {
    throw new RangeError(`cannot diff a ${previous.method} run with a ${current.method} run`);
  }
  const before = new Set(previous?.flagged ?? []);
  const now = new Set(current.flagged);
  return {
    method: current.method,
    fromRunId: previous?.runId ?? null,
    toRunId: current.runId,
    year: current.year,
    entered: [...now].filter((code) => !before.has(code)).sort(),
    left: [...before].filter((code) => !now.has(code)).sort(),
    stayed: [...now].filter((code) => before.has(code)).sort(),
  };
}

export interface HistoryEvent {
  schoolCode: string;
  method: IdentificationMethod;
  event: 'entered' | 'left';
  runId: string;
  year: AcademicYear | null;
  ranAt: string;
}

/** When the school entered or left each method's list, oldest first. */
export function schoolHistory(runs: readonly IdentificationRun[], schoolCode: string): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const byMethod = new Map<IdentificationMethod, IdentificationRun[]>();
  for (const run of runs) {
    const list = byMethod.get(run.method) ?? [];
    list.push(run);
    byMethod.set(run.method, list);
  }
  for (const [method, methodRuns] of byMethod) {
    methodRuns.sort((a, b) => (a.ranAt < b.ranAt ? -1 : a.ranAt > b.ranAt ? 1 : 0));
    let wasFlagged = false;
    for (const run of methodRuns) {
      const isFlagged = run.flagged.includes(schoolCode);
      if (isFlagged !== wasFlagged) {
        events.push({
          schoolCode,
          method,
          event: isFlagged ? 'entered' : 'left',
          runId: run.runId,
          year: run.year,
          ranAt: run.ranAt,
        });
      }
      wasFlagged = isFlagged;
    }
  }
  return events.sort((a, b) => (a.ranAt < b.ranAt ? -1 : a.ranAt > b.ranAt ? 1 : 0));
}
