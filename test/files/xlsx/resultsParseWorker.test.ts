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

  it('reads the file while the registry loads, waits for it at the first row, and fails with it', async () => {
    const sample = generateRegionResults({ schools: 150 });
    const collect = async (knownSchools: Promise<ReadonlyMap<string, string>>) => {
      const events: ResultsParseEvent[] = [];
      for await (const event of readResultsFile(sample.bytes, { knownSchools })) events.push(event);
      return events;
    };
    // the registry comes half a second late: every row is still checked against it
    const late = await collect(new Promise((resolve) => setTimeout(() => resolve(sample.knownSchools), 500)));
    const done = late.at(-1);
    expect(done?.type === 'done' && done.outcome.ok && done.outcome.stats).toEqual(
      parseResultsFile(sample.bytes, { knownSchools: sample.knownSchools }).stats,
    );
    // a registry without the file's schools: every row is refused by it
    const empty = await collect(Promise.resolve(new Map()));
    const refused = empty.at(-1);
    expect(refused?.type === 'done' && refused.outcome.stats.validRows).toBe(0);
    // the registry cannot be loaded: the reading fails with that error, the worker does not wait on
    await expect(collect(Promise.reject(new Error('база недоступна')))).rejects.toThrow('база недоступна');
  });

  it('answers a broken file without waiting for the registry', async () => {
    const sample = generateRegionResults({ schools: 150 });
    const cut = sample.bytes.subarray(0, Math.floor(sample.bytes.byteLength / 2));
    const events: ResultsParseEvent[] = [];
    // the registry never comes: the verdict on the file does not need it
    for await (const event of readResultsFile(cut, { knownSchools: new Promise(() => undefined) })) events.push(event);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.outcome.ok).toBe(false);
    expect(done?.type === 'done' && done.outcome.issues.map((issue) => issue.code)).toEqual(['xlsx-zip-corrupt']);
  });
});
