/**
 * The parts of an .xlsx package, inflated on demand within one budget: what the reader and the
 * annotated copy both need to find the workbook, its relationships and its sheets.
 */
import type { SheetIssue } from '../issues.ts';
import {
  directoryOf,
  parseRelationships,
  parseWorkbook,
  relsPathFor,
  type Relationship,
  type WorkbookInfo,
} from './parts.ts';
import { inflateWhole, type InflateBudget, type InflateOutcome, type ZipEntry } from './zip.ts';

const MB = 1024 * 1024;

/** A part of the package cannot be inflated; carries the message for the whole file. */
export class UnreadablePart extends Error {
  constructor(readonly issue: SheetIssue) {
    super(issue.code);
  }
}

export function inflateFailureIssue(outcome: InflateOutcome, maxInflatedBytes: number): SheetIssue {
  return outcome === 'too-large'
    ? { severity: 'error', code: 'xlsx-zip-bomb', params: { limit: Math.round(maxInflatedBytes / MB) } }
    : { severity: 'error', code: 'xlsx-zip-corrupt' };
}

export interface WorkbookParts {
  path: string;
  xml: string;
  info: WorkbookInfo;
  /** the workbook's relationships, targets resolved to package paths */
  rels: Relationship[];
}

export class XlsxPackage {
  readonly budget: InflateBudget;

  constructor(
    readonly bytes: Uint8Array,
    readonly entries: Map<string, ZipEntry>,
    private readonly maxInflatedBytes: number,
  ) {
    this.budget = { remaining: maxInflatedBytes };
  }

  /** A part's bytes, or null when the package has no such part; throws `UnreadablePart`. */
  bytesOf(path: string): Uint8Array | null {
    const entry = this.entries.get(path);
    if (!entry) return null;
    const data = inflateWhole(this.bytes, entry, this.budget);
    if (typeof data === 'string') throw new UnreadablePart(inflateFailureIssue(data, this.maxInflatedBytes));
    return data;
  }

  textOf(path: string): string | null {
    const data = this.bytesOf(path);
    return data && new TextDecoder('utf-8').decode(data);
  }

  relationshipsOf(partPath: string): Relationship[] {
    const xml = this.textOf(relsPathFor(partPath));
    return xml === null ? [] : parseRelationships(xml, directoryOf(partPath));
  }

  /**
   * The workbook part, named by the package relationships (xl/workbook.xml is the usual
   * place); null when the package holds no workbook (a Word document, say).
   */
  workbook(): WorkbookParts | null {
    let path = 'xl/workbook.xml';
    const main = this.relationshipsOf('').find((rel) => rel.type.endsWith('/officeDocument'));
    // a Word or PowerPoint package names its own main part; only a workbook's counts here
    if (
      main &&
      this.entries.has(main.target) &&
      main.target.endsWith('.xml') &&
      (main.target.startsWith('xl/') || main.target.includes('workbook'))
    ) {
      path = main.target;
    }
    const xml = this.textOf(path);
    if (xml === null) return null;
    return { path, xml, info: parseWorkbook(xml), rels: this.relationshipsOf(path) };
  }
}
