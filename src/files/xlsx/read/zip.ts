/**
 * A defensive zip reader for .xlsx packages. The central directory is read by hand BEFORE
 * anything is inflated, so entry counts and declared sizes are checked first; the inflated
 * total is then capped while inflating too, because declared sizes can lie.
 * Two ways to inflate: in small steps with fflate's streaming `Inflate` when the reader may stop
 * early (the first rows of a sheet), and in one go with node's zlib (2–3× faster) with
 * `maxOutputLength` as the cap when the whole part is needed.
 */
import { inflateRawSync } from 'node:zlib';
import { Inflate } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipDirectoryResult =
  | { ok: true; entries: Map<string, ZipEntry>; declaredTotal: number }
  | { ok: false; reason: 'corrupt' | 'too-many-entries' | 'too-large' | 'encrypted'; detail?: number };

const EOCD_SIGNATURE = 0x06054b50;
const EOCD64_LOCATOR_SIGNATURE = 0x07064b50;
const EOCD64_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const UINT32_MAX = 0xffffffff;

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + bytes[at + 3]! * 0x1000000;
}

/** 64-bit little-endian as a JS number (exact below 2^53, which is far above any limit here). */
function u64(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) + u32(bytes, at + 4) * 0x100000000;
}

/** Reads the central directory. `maxEntries`/`maxTotal` are checked against the declared values. */
export function readZipDirectory(
  bytes: Uint8Array,
  limits: { maxEntries: number; maxTotal: number },
): ZipDirectoryResult {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) return { ok: false, reason: 'corrupt' };
  let entryCount = u16(bytes, eocd + 10);
  let directorySize = u32(bytes, eocd + 12);
  let directoryOffset = u32(bytes, eocd + 16);
  if (entryCount === 0xffff || directorySize === UINT32_MAX || directoryOffset === UINT32_MAX) {
    // zip64: the real figures are in the zip64 end record found through its locator.
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== EOCD64_LOCATOR_SIGNATURE) return { ok: false, reason: 'corrupt' };
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== EOCD64_SIGNATURE) return { ok: false, reason: 'corrupt' };
    entryCount = u64(bytes, record + 32);
    directorySize = u64(bytes, record + 40);
    directoryOffset = u64(bytes, record + 48);
  }
  if (entryCount > limits.maxEntries) return { ok: false, reason: 'too-many-entries', detail: entryCount };
  if (directoryOffset + directorySize > bytes.length) return { ok: false, reason: 'corrupt' };

  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8');
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL_SIGNATURE) return { ok: false, reason: 'corrupt' };
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const crc32 = u32(bytes, at + 16);
    let compressedSize = u32(bytes, at + 20);
    let uncompressedSize = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    let localHeaderOffset = u32(bytes, at + 42);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > bytes.length) return { ok: false, reason: 'corrupt' };
    const name = decoder.decode(bytes.subarray(nameStart, extraStart));
    if (uncompressedSize === UINT32_MAX || compressedSize === UINT32_MAX || localHeaderOffset === UINT32_MAX) {
      // zip64 extended information extra field (id 1): present values in a fixed order.
      let extra = extraStart;
      const extraEnd = extraStart + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = u16(bytes, extra);
        const size = u16(bytes, extra + 2);
        if (id === 1) {
          let field = extra + 4;
          if (uncompressedSize === UINT32_MAX) (uncompressedSize = u64(bytes, field)), (field += 8);
          if (compressedSize === UINT32_MAX) (compressedSize = u64(bytes, field)), (field += 8);
          if (localHeaderOffset === UINT32_MAX) localHeaderOffset = u64(bytes, field);
          break;
        }
        extra += 4 + size;
      }
    }
    if (flags & 1) return { ok: false, reason: 'encrypted' };
    declaredTotal += uncompressedSize;
    entries.set(name, { name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    at = next;
  }
  if (declaredTotal > limits.maxTotal) return { ok: false, reason: 'too-large', detail: declaredTotal };
  return { ok: true, entries, declaredTotal };
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && u32(bytes, at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/** Shared across the entries of one workbook: what may still be inflated. */
export interface InflateBudget {
  remaining: number;
}

export type InflateOutcome = 'done' | 'stopped' | 'too-large' | 'corrupt';

/** Thrown inside fflate's callback to abandon inflation; never escapes this module. */
class StopInflating extends Error {
  constructor(readonly outcome: InflateOutcome) {
    super(outcome);
  }
}

/** Compressed input is pushed in steps this big, so one step inflates to at most ~16 MB (deflate's ratio tops out near 1:1032). */
const INPUT_STEP = 16 * 1024;

/**
 * Inflates one entry, handing the output to `onChunk` piece by piece. `onChunk` returns
 * false to stop early (e.g. after the first rows of a sheet). The budget is charged as bytes
 * come out, and inflation stops the moment it runs out.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  onChunk: (chunk: Uint8Array) => boolean,
): InflateOutcome {
  const data = compressedData(bytes, entry);
  if (data === null) return 'corrupt';

  let produced = 0;
  const deliver = (chunk: Uint8Array) => {
    if (chunk.length === 0) return;
    budget.remaining -= chunk.length;
    produced += chunk.length;
    if (budget.remaining < 0 || produced > entry.uncompressedSize) throw new StopInflating('too-large');
    if (!onChunk(chunk)) throw new StopInflating('stopped');
  };

  try {
    if (entry.method === 0) {
      for (let at = 0; at < data.length; at += INPUT_STEP * 16) deliver(data.subarray(at, at + INPUT_STEP * 16));
      return 'done';
    }
    if (entry.method !== 8) return 'corrupt';
    let finished = false;
    const inflater = new Inflate((chunk, final) => {
      deliver(chunk);
      if (final) finished = true;
    });
    for (let at = 0; at < data.length; at += INPUT_STEP) {
      const end = Math.min(at + INPUT_STEP, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    return finished ? 'done' : 'corrupt';
  } catch (error) {
    if (error instanceof StopInflating) return error.outcome;
    return 'corrupt'; // fflate reports invalid or truncated deflate data by throwing
  }
}

/** The entry's compressed bytes, found through its local header; null when out of bounds. */
export function compressedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== LOCAL_SIGNATURE) return null;
  const dataStart = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const dataEnd = dataStart + entry.compressedSize;
  return dataEnd > bytes.length ? null : bytes.subarray(dataStart, dataEnd);
}

/** Inflates a whole entry into one buffer; zlib stops at the budget by itself. */
export function inflateWhole(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array | InflateOutcome {
  const data = compressedData(bytes, entry);
  if (data === null) return 'corrupt';
  if (entry.method !== 0 && entry.method !== 8) return 'corrupt';
  if (budget.remaining <= 0) return 'too-large';
  let out: Uint8Array;
  if (entry.method === 0) out = data;
  else {
    try {
      // More than the directory declared means the file lies about its sizes: stop there too,
      // so memory never exceeds what was checked before inflating.
      const limit = Math.max(1, Math.min(budget.remaining, entry.uncompressedSize));
      // One output buffer one byte larger than allowed: zlib then neither collects 16 KB pieces
      // nor copies them into one at the end (a 35 MB sheet: ~50 ms, and twice its size at once).
      out = inflateRawSync(data, { maxOutputLength: limit, chunkSize: Math.max(64, limit + 1) });
    } catch (error) {
      return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'corrupt';
    }
  }
  budget.remaining -= out.length;
  return budget.remaining < 0 ? 'too-large' : out;
}
