/**
 * Valid rows of a results file in columns, as the reader hands them to an import: typed arrays
 * and a few small tables (the batch's school codes, years and procedures) instead of thousands
 * of objects. A worker thread passes them to the main thread almost for free (the arrays are
 * moved, not copied), and the import writes new rows from them without building a row object.
 */
import { ProcedureIds } from '../../../domain/results/procedures.ts';
import type { Procedure, ResultRow } from '../../../domain/results/types.ts';

export interface PackedResults {
  size: number;
  /** Excel row of each row */
  rowNumbers: Int32Array;
  schoolCodes: string[];
  /** index into `schoolCodes` */
  school: Int32Array;
  years: string[];
  /** index into `years` */
  year: Int32Array;
  procedures: Procedure[];
  /** index into `procedures` */
  procedure: Int32Array;
  participants: Int32Array;
  failed: Int32Array;
  /** marks «2»–«5»; -1 where the row has none */
  m2: Int32Array;
  m3: Int32Array;
  m4: Int32Array;
  m5: Int32Array;
  /** NaN where the row has none */
  meanScore: Float64Array;
}

/** Builds a batch row by row. */
export class ResultsPacker {
  private rows: ResultRow[] = [];
  private rowNumbers: number[] = [];

  get size(): number {
    return this.rows.length;
  }

  add(row: ResultRow, rowNumber: number): void {
    this.rows.push(row);
    this.rowNumbers.push(rowNumber);
  }

  /** The rows added since the last take, packed; the packer starts empty again. */
  take(): PackedResults {
    const rows = this.rows;
    const size = rows.length;
    const codes = new Table<string>();
    const years = new Table<string>();
    const procedures: Procedure[] = [];
    const procedureIds = new ProcedureIds();
    const procedureOf = (procedure: Procedure) => {
      const id = procedureIds.idOf(procedure.kind, procedure.subject, procedure.grade);
      if (id === procedures.length) procedures.push(procedure);
      return id;
    };
    const packed: PackedResults = {
      size,
      rowNumbers: Int32Array.from(this.rowNumbers),
      schoolCodes: codes.values,
      school: new Int32Array(size),
      years: years.values,
      year: new Int32Array(size),
      procedures,
      procedure: new Int32Array(size),
      participants: new Int32Array(size),
      failed: new Int32Array(size),
      m2: new Int32Array(size),
      m3: new Int32Array(size),
      m4: new Int32Array(size),
      m5: new Int32Array(size),
      meanScore: new Float64Array(size),
    };
    for (let i = 0; i < size; i++) {
      const row = rows[i]!;
      packed.school[i] = codes.indexOf(row.schoolCode);
      packed.year[i] = years.indexOf(row.year);
      packed.procedure[i] = procedureOf(row.procedure);
      packed.participants[i] = row.participants;
      packed.failed[i] = row.failed;
      packed.m2[i] = row.marks ? row.marks.m2 : -1;
      packed.m3[i] = row.marks ? row.marks.m3 : -1;
      packed.m4[i] = row.marks ? row.marks.m4 : -1;
      packed.m5[i] = row.marks ? row.marks.m5 : -1;
      packed.meanScore[i] = row.meanScore ?? Number.NaN;
    }
    this.rows = [];
    this.rowNumbers = [];
    return packed;
  }
}

/** What a worker's postMessage can move instead of copying. */
export function transferables(packed: PackedResults): ArrayBuffer[] {
  const arrays = [
    packed.rowNumbers,
    packed.school,
    packed.year,
    packed.procedure,
    packed.participants,
    packed.failed,
    packed.m2,
    packed.m3,
    packed.m4,
    packed.m5,
    packed.meanScore,
  ];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

/** Row `i` as the domain sees it. */
export function unpackRow(packed: PackedResults, i: number): ResultRow {
  const m2 = packed.m2[i]!;
  const meanScore = packed.meanScore[i]!;
  return {
    schoolCode: packed.schoolCodes[packed.school[i]!]!,
    year: packed.years[packed.year[i]!]!,
    procedure: packed.procedures[packed.procedure[i]!]!,
    participants: packed.participants[i]!,
    failed: packed.failed[i]!,
    marks: m2 < 0 ? null : { m2, m3: packed.m3[i]!, m4: packed.m4[i]!, m5: packed.m5[i]! },
    meanScore: Number.isNaN(meanScore) ? null : meanScore,
  };
}

/** Every row of the batches, in order (tests, and a reader that wants objects). */
export function unpackAll(batches: readonly PackedResults[]): { rows: ResultRow[]; rowNumbers: number[] } {
  const rows: ResultRow[] = [];
  const rowNumbers: number[] = [];
  for (const batch of batches) {
    for (let i = 0; i < batch.size; i++) {
      rows.push(unpackRow(batch, i));
      rowNumbers.push(batch.rowNumbers[i]!);
    }
  }
  return { rows, rowNumbers };
}

class Table<T> {
  readonly values: T[] = [];
  private readonly index = new Map<T, number>();

  indexOf(value: T): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.values.push(value) - 1;
      this.index.set(value, at);
    }
    return at;
  }
}
