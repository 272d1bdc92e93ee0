/**
 * Which of our tables an uploaded workbook holds (registry, results, a questionnaire), told by
 * its header row: coordinators just send a file, without saying what it is.
 */
import type { SheetIssue } from '../issues.ts';
import { readWorkbook } from './safeWorkbook.ts';
import { detectHeader, HEADER_SEARCH_ROWS, type TableSpec } from './table.ts';

export type UploadDetection<K extends string> =
  | { ok: true; kind: K; sheetName: string }
  | { ok: false; issue: SheetIssue };

export function detectUploadKind<K extends string>(
  bytes: Uint8Array,
  specs: Readonly<Record<K, TableSpec<string>>>,
): UploadDetection<K> {
  const workbook = readWorkbook(bytes);
  if (!workbook.ok) return workbook;
  let best: { kind: K; sheetName: string; complete: boolean; score: number } | null = null;
  for (const sheet of workbook.sheets) {
    if (sheet.hidden) continue;
    const head = sheet.head(HEADER_SEARCH_ROWS);
    if (!head.ok) return { ok: false, issue: head.issue };
    for (const kind of Object.keys(specs) as K[]) {
      const match = detectHeader(head.rows, specs[kind]);
      if (!match) continue;
      const better =
        !best || (match.complete && !best.complete) || (match.complete === best.complete && match.score > best.score);
      if (better) best = { kind, sheetName: sheet.name, complete: match.complete, score: match.score };
    }
  }
  if (!best) return { ok: false, issue: { severity: 'error', code: 'upload-unknown-kind' } };
  return { ok: true, kind: best.kind, sheetName: best.sheetName };
}
