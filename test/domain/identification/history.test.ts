// Runs are stored; a school's history shows when it entered or left each list (issue #4).
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../src/domain/results/types.ts';
import {
  defaultRules,
  diffRuns,
  identifyFioco,
  runOf,
  schoolHistory,
  type IdentificationRun,
} from '../../../src/domain/identification/index.ts';

const run = (
  runId: string,
  ranAt: string,
  flagged: string[],
  method: IdentificationRun['method'] = 'fioco',
): IdentificationRun => ({
  runId,
  method,
  year: '2023/2024',
  ranAt,
  flagged,
});

describe('diffRuns', () => {
  it('names the schools that entered, left and stayed', () => {
    const diff = diffRuns(
      run('r1', '2024-09-01T10:00:00Z', ['a', 'b', 'c']),
      run('r2', '2025-09-01T10:00:00Z', ['b', 'd', 'c']),
    );
    expect(diff).toEqual({
      method: 'fioco',
      fromRunId: 'r1',
      toRunId: 'r2',
      year: '2023/2024',
      entered: ['d'],
      left: ['a'],
      stayed: ['b', 'c'],
    });
  });

  it('the first run: every flagged school entered', () => {
    expect(diffRuns(null, run('r1', '2024-09-01T10:00:00Z', ['b', 'a'])).entered).toEqual(['a', 'b']);
  });

  it('runs of different methods are not compared', () => {
    expect(() => diffRuns(run('r1', '2024', ['a']), run('r2', '2025', ['a'], 'risk'))).toThrow(RangeError);
  });
});

describe('schoolHistory', () => {
  it('shows when the school entered and left each list, oldest first', () => {
    const runs = [
      run('f3', '2025-09-01T00:00:00Z', ['a']),
      run('f1', '2023-09-01T00:00:00Z', ['a']),
      run('f2', '2024-09-01T00:00:00Z', []),
      run('r1', '2024-10-01T00:00:00Z', ['a'], 'risk'),
      run('r2', '2025-10-01T00:00:00Z', ['a'], 'risk'),
    ];
    expect(schoolHistory(runs, 'a').map((e) => [e.method, e.event, e.runId])).toEqual([
      ['fioco', 'entered', 'f1'],
      ['fioco', 'left', 'f2'],
      ['risk', 'entered', 'r1'],
      ['fioco', 'entered', 'f3'],
    ]);
    expect(schoolHistory(runs, 'z')).toEqual([]);
  });
});

describe('runOf', () => {
  it('keeps the flagged schools of a result, sorted', () => {
    const row = (schoolCode: string, year: string, failed: number): ResultRow => ({
      schoolCode,
      year,
      procedure: { kind: 'OGE', subject: 'Математика', grade: 9 },
      participants: 10,
      failed,
    });
    const result = identifyFioco(
      [row('b', '2023/2024', 5), row('b', '2022/2023', 5), row('a', '2023/2024', 5), row('a', '2022/2023', 0)],
      defaultRules().fioco,
    );
    expect(runOf(result, 'r1', '2024-09-01T00:00:00Z')).toEqual({
      runId: 'r1',
      method: 'fioco',
      year: '2023/2024',
      ranAt: '2024-09-01T00:00:00Z',
      flagged: ['b'],
    });
  });
});
