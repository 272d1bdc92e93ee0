import { describe, expect, it } from 'vitest';
import { generateRegionResults } from '../../helpers/regionSample.ts';
import { RESULTS_BATCH_ROWS, parseResultsFile } from '../../../src/files/xlsx/read/resultsSheet.ts';
import { unpackAll } from '../../../src/files/xlsx/read/packedResults.ts';
import {
  WORKER_THRESHOLD_BYTES,
  readResultsFile,
  type ResultsParseEvent,
} from '../../../src/files/xlsx/read/resultsParseWorker.ts';

describe('parsing a large results file off the main thread', () => {
  it('gives the same rows as parsing inline, in batches, reports progress, and keeps the event loop free', async () => {
    const sample = generateRegionResults({ schools: 150 });
    expect(sample.bytes.byteLength).toBeGreaterThan(WORKER_THRESHOLD_BYTES);
    const progress: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const events: ResultsParseEvent[] = [];
    for await (const event of readResultsFile(sample.bytes, {
      knownSchools: Promise.resolve(sample.knownSchools),
      onProgress: (rows) => progress.push(rows),
    }))
      events.push(event);
    clearInterval(timer);
    const inline = parseResultsFile(sample.bytes, { knownSchools: sample.knownSchools });
    const batches = events.flatMap((event) => (event.type === 'rows' ? [event] : []));
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.outcome.ok).toBe(true);
    // every valid row once, in file order, in batches the import can write while the next is read
    const unpacked = unpackAll(batches.map((batch) => batch.rows));
    expect(unpacked.rows).toEqual(inline.rows);
    expect(unpacked.rowNumbers).toEqual(inline.rowNumbers);
    expect(batches.length).toBe(Math.ceil(sample.rows / RESULTS_BATCH_ROWS));
    expect(batches[0]!.columns).toEqual(inline.columns);
    expect(done.outcome.stats).toEqual(inline.stats);
    expect(progress.at(-1)).toBe(sample.rows);
    // Timers kept firing while the file was parsed: other chats would have been served.
    expect(ticks).toBeGreaterThan(3);
  });
});
