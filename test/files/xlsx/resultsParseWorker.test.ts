import { describe, expect, it } from 'vitest';
import { generateRegionResults } from '../../helpers/regionSample.ts';
import { parseResultsFile } from '../../../src/files/xlsx/read/resultsSheet.ts';
import { WORKER_THRESHOLD_BYTES, parseResultsFileOffThread } from '../../../src/files/xlsx/read/resultsParseWorker.ts';

describe('parsing a large results file off the main thread', () => {
  it('gives the same rows as parsing inline, reports progress, and keeps the event loop free', async () => {
    const sample = generateRegionResults({ schools: 150 });
    expect(sample.bytes.byteLength).toBeGreaterThan(WORKER_THRESHOLD_BYTES);
    const progress: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const offThread = await parseResultsFileOffThread(sample.bytes, {
      knownSchools: sample.knownSchools,
      onProgress: (rows) => progress.push(rows),
    });
    clearInterval(timer);
    const inline = parseResultsFile(sample.bytes, { knownSchools: sample.knownSchools });
    expect(offThread.ok).toBe(true);
    expect(offThread.rows).toEqual(inline.rows);
    expect(offThread.stats).toEqual(inline.stats);
    expect(progress.at(-1)).toBe(sample.rows);
    // Timers kept firing while the file was parsed: other chats would have been served.
    expect(ticks).toBeGreaterThan(3);
  });
});
