/**
 * The annotated copy sent back with the error list: the coordinator's own workbook with every
 * cell that has a problem filled (errors light red, warnings light yellow) and a note holding
 * the message, plus a sheet «Ошибки» listing all problems with links to their cells. They fix
 * the cells in Excel and send the file again. Marks from an earlier round are cleared first,
 * so a resent file does not keep stale highlights.
 *
 * The copy is made by editing the package's XML: styles get two fills and the cell formats
 * that use them, the sheet's bad cells point at those formats, a comments part and its VML
 * drawing carry the notes; every other part is copied byte for byte without inflating it.
 * That takes about a second for a region-scale file, where loading it into ExcelJS takes half
 * a minute and gigabytes. Files this editing does not handle (namespace prefixes, form
 * controls in the drawing) fall back to ExcelJS when they are small.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../excel.ts';
import { t } from '../../../i18n.ts';
import { columnIndex, columnLetter, type SheetIssue } from '../issues.ts';
import { renderIssue } from '../../../text/sheetIssues.ts';
import { UnreadablePart, XlsxPackage } from '../read/package.ts';
import { directoryOf, forEachTag, relsPathFor, resolvePartPath, rootPrefix } from '../read/parts.ts';
import { DEFAULT_LIMITS } from '../read/safeWorkbook.ts';
import { attribute, escapeXml, richText } from '../read/xml.ts';
import { compressedData, readZipDirectory } from '../read/zip.ts';
import { ZipWriter } from './zipWriter.ts';

/** Light red and light yellow, one step off Excel's own «Bad» and «Neutral» styles, so those are never taken for ours. */
export const ERROR_FILL_ARGB = 'FFFFC6CE';
export const WARNING_FILL_ARGB = 'FFFFEB9B';
/** Starts every note the bot writes, so the next round can find and remove it. */
export const NOTE_MARK = 'Куратор: ';
/** Notes written before issue 10 started with the Latin name; they are still found and replaced. */
const LEGACY_NOTE_MARK = 'Kurator: ';
const isOurNote = (text: string) => text.startsWith(NOTE_MARK) || text.startsWith(LEGACY_NOTE_MARK);
/** ExcelJS needs about 8 s and 400 MB per MB of .xlsx: beyond this the fallback is not tried. */
const EXCELJS_MAX_BYTES = 512 * 1024;

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_TYPE = REL_NS;
const AUTHOR = 'Куратор';

export interface AnnotateOptions {
  /** the sheet the issues refer to (`sheetName` of the parse outcome) */
  sheetName: string;
  issues: readonly SheetIssue[];
}

/**
 * Returns the annotated copy, or null when the workbook cannot be opened (the error list in
 * the chat then has to do).
 */
export async function annotateErrors(originalBytes: Uint8Array, options: AnnotateOptions): Promise<Buffer | null> {
  let patched: Uint8Array | null | 'unsupported';
  try {
    patched = patchWorkbook(originalBytes, options);
  } catch (error) {
    if (!(error instanceof UnreadablePart)) throw error;
    patched = null;
  }
  if (patched !== 'unsupported') return patched && Buffer.from(patched.buffer, patched.byteOffset, patched.byteLength);
  if (originalBytes.length > EXCELJS_MAX_BYTES) return null;
  return annotateWithExcelJs(originalBytes, options);
}

type Mark = 'error' | 'warning';

interface CellMarks {
  /** row → column index → the worst severity in that cell */
  byRow: Map<number, Map<number, Mark>>;
  /** `H17` → messages */
  notes: Map<string, string[]>;
}

function collectMarks(issues: readonly SheetIssue[]): CellMarks {
  const byRow = new Map<number, Map<number, Mark>>();
  const notes = new Map<string, string[]>();
  for (const issue of issues) {
    if (issue.row === undefined || issue.column === undefined || issue.severity === 'info') continue;
    const column = columnIndex(issue.column);
    if (column < 0) continue;
    let row = byRow.get(issue.row);
    if (!row) byRow.set(issue.row, (row = new Map()));
    if (row.get(column) !== 'error') row.set(column, issue.severity);
    const address = `${issue.column}${issue.row}`;
    const list = notes.get(address);
    const message = t(issue.code, issue.params);
    if (list) list.push(message);
    else notes.set(address, [message]);
  }
  return { byRow, notes };
}

function patchWorkbook(bytes: Uint8Array, options: AnnotateOptions): Uint8Array | null | 'unsupported' {
  const directory = readZipDirectory(bytes, {
    maxEntries: DEFAULT_LIMITS.maxEntries,
    maxTotal: DEFAULT_LIMITS.maxInflatedBytes,
  });
  if (!directory.ok) return null;
  const pkg = new XlsxPackage(bytes, directory.entries, DEFAULT_LIMITS.maxInflatedBytes);
  const workbook = pkg.workbook();
  if (!workbook) return null;
  const sheetRef = workbook.info.sheets.find((sheet) => sheet.name === options.sheetName);
  const sheetPath = sheetRef && workbook.rels.find((rel) => rel.id === sheetRef.relationshipId)?.target;
  if (!sheetPath) return null;
  const stylesPath = workbook.rels.find((rel) => rel.type.endsWith('/styles'))?.target;
  const sheetXml = pkg.textOf(sheetPath);
  const stylesXml = stylesPath ? pkg.textOf(stylesPath) : null;
  if (sheetXml === null || stylesXml === null || stylesPath === undefined) return 'unsupported';
  if (rootPrefix(workbook.xml, 'workbook') || rootPrefix(sheetXml, 'worksheet') || rootPrefix(stylesXml, 'styleSheet'))
    return 'unsupported';

  const marks = collectMarks(options.issues);
  const styles = StylePatch.parse(stylesXml);
  if (!styles) return 'unsupported';
  const replaced = new Map<string, string>(); // part path → new XML
  const contentTypes = new ContentTypes(pkg.textOf('[Content_Types].xml') ?? '');

  // Notes: the comments part and its drawing, keeping the coordinator's own comments.
  const sheetRelsPath = relsPathFor(sheetPath);
  const sheetRels = new RelationshipsPatch(pkg.textOf(sheetRelsPath));
  const sheetDir = directoryOf(sheetPath);
  const commentsRel = sheetRels.find('/comments');
  const vmlRel = sheetRels.find('/vmlDrawing');
  const existingComments = commentsRel
    ? parseComments(pkg.textOf(resolvePartPath(sheetDir, commentsRel.target)) ?? '')
    : { authors: [], kept: [] };
  if (vmlRel) {
    const vml = pkg.textOf(resolvePartPath(sheetDir, vmlRel.target)) ?? '';
    // a legacy drawing may also hold form controls, which this edit would lose
    if (/ObjectType="(?!Note")/.test(vml)) return 'unsupported';
  }
  const userCommentCells = new Set(existingComments.kept.map((comment) => comment.ref));
  const ourComments = [...marks.notes]
    .filter(([address]) => !userCommentCells.has(address)) // one note per cell: the coordinator's stays
    .map(([address, messages]) => ({ ref: address, text: NOTE_MARK + messages.join('\n') }));

  const commentsPath = commentsRel
    ? resolvePartPath(sheetDir, commentsRel.target)
    : freePath(pkg, 'xl/comments', '.xml');
  const vmlPath = vmlRel ? resolvePartPath(sheetDir, vmlRel.target) : freePath(pkg, 'xl/drawings/vmlDrawing', '.vml');
  // written whenever there is something to show, or notes of an earlier round to take away
  const hasNotes = existingComments.kept.length + ourComments.length > 0 || commentsRel !== null;
  let legacyDrawingId = vmlRel?.id ?? null;
  if (hasNotes) {
    replaced.set(commentsPath, commentsXml(existingComments, ourComments));
    replaced.set(vmlPath, vmlXml([...existingComments.kept.map((c) => c.ref), ...ourComments.map((c) => c.ref)]));
    if (!commentsRel) sheetRels.add(`${REL_TYPE}/comments`, relative(sheetDir, commentsPath));
    if (!vmlRel) legacyDrawingId = sheetRels.add(`${REL_TYPE}/vmlDrawing`, relative(sheetDir, vmlPath));
    contentTypes.ensureDefault('vml', 'application/vnd.openxmlformats-officedocument.vmlDrawing');
    contentTypes.ensureOverride(
      commentsPath,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
    );
    replaced.set(sheetRelsPath, sheetRels.xml());
  }

  const hasLegacyDrawing = /<legacyDrawing[\s/>]/.test(sheetXml);
  const patchedSheet = patchSheet(
    sheetXml,
    marks.byRow,
    styles,
    hasNotes && !hasLegacyDrawing ? legacyDrawingId : null,
  );
  if (patchedSheet === null) return 'unsupported';
  replaced.set(sheetPath, patchedSheet);
  replaced.set(stylesPath, styles.xml());

  // The list of all problems, on a sheet of its own (replacing the one of an earlier round).
  const listName = t('xlsx-annotate-sheet');
  const listRef = workbook.info.sheets.find((sheet) => sheet.name === listName);
  const listTarget = listRef && workbook.rels.find((rel) => rel.id === listRef.relationshipId)?.target;
  const listPath = listTarget ?? freePath(pkg, 'xl/worksheets/sheet', '.xml');
  replaced.set(listPath, issueListSheetXml(options.sheetName, options.issues));
  if (!listTarget) {
    const workbookRels = new RelationshipsPatch(pkg.textOf(relsPathFor(workbook.path)));
    const id = workbookRels.add(`${REL_TYPE}/worksheet`, relative(directoryOf(workbook.path), listPath));
    replaced.set(relsPathFor(workbook.path), workbookRels.xml());
    const sheetIds = [...workbook.xml.matchAll(/\ssheetId="(\d+)"/g)].map((m) => Number(m[1]));
    const sheet = `<sheet xmlns:r="${REL_NS}" name="${escapeXml(listName)}" sheetId="${Math.max(0, ...sheetIds) + 1}" r:id="${id}"/>`;
    if (!workbook.xml.includes('</sheets>')) return 'unsupported';
    replaced.set(workbook.path, workbook.xml.replace('</sheets>', `${sheet}</sheets>`));
    contentTypes.ensureOverride(listPath, 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml');
  }
  replaced.set('[Content_Types].xml', contentTypes.xml());

  const zip = new ZipWriter(6);
  const encoder = new TextEncoder();
  for (const [name, entry] of directory.entries) {
    const text = replaced.get(name);
    if (text !== undefined) {
      zip.file(name, encoder.encode(text));
      replaced.delete(name);
      continue;
    }
    const data = compressedData(bytes, entry);
    if (data === null) return null;
    zip.copy(name, entry, data);
  }
  for (const [name, text] of replaced) zip.file(name, encoder.encode(text));
  return zip.finish();
}

/** Cell formats: clones of the sheet's formats with our fill, made as they are needed. */
class StylePatch {
  private readonly clones = new Map<string, number>();
  private readonly added: string[] = [];

  private constructor(
    private readonly source: string,
    private readonly fillsEnd: number,
    private readonly fillCount: number,
    /** our fills from an earlier round, reused; the missing ones are appended */
    private readonly fillIds: { error: number; warning: number },
    private readonly xfsEnd: number,
    private readonly xfs: string[],
    /** formats whose fill is one of ours (from an earlier round) */
    private readonly ourFormats: Set<number>,
  ) {}

  static parse(xml: string): StylePatch | null {
    const fillsStart = xml.indexOf('<fills');
    const fillsEnd = xml.indexOf('</fills>');
    const xfsStart = xml.indexOf('<cellXfs');
    const xfsEnd = xml.indexOf('</cellXfs>');
    if (fillsStart < 0 || fillsEnd < 0 || xfsStart < 0 || xfsEnd < 0) return null;
    const fills = elements(xml.slice(fillsStart, fillsEnd), 'fill');
    const errorFill = fills.findIndex((fill) => fill.includes(`rgb="${ERROR_FILL_ARGB}"`));
    const warningFill = fills.findIndex((fill) => fill.includes(`rgb="${WARNING_FILL_ARGB}"`));
    const fillIds = {
      error: errorFill >= 0 ? errorFill : fills.length,
      warning: warningFill >= 0 ? warningFill : fills.length + (errorFill >= 0 ? 0 : 1),
    };
    const xfs = elements(xml.slice(xfsStart, xfsEnd), 'xf');
    const ourFormats = new Set<number>();
    xfs.forEach((xf, i) => {
      const fillId = Number(attribute(xf, 'fillId') ?? 0);
      if (fillId === errorFill || fillId === warningFill) ourFormats.add(i);
    });
    return new StylePatch(xml, fillsEnd, fills.length, fillIds, xfsEnd, xfs, ourFormats);
  }

  isOurs(format: number): boolean {
    return this.ourFormats.has(format);
  }

  get hasOurs(): boolean {
    return this.ourFormats.size > 0;
  }

  /** The format to give a cell: `format` with our fill for `mark`, or without any fill. */
  formatFor(mark: Mark | 'clear', format: number): number {
    const key = `${mark}:${format}`;
    let index = this.clones.get(key);
    if (index !== undefined) return index;
    const base = this.xfs[format] ?? this.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const fillId = mark === 'clear' ? 0 : this.fillIds[mark];
    index = this.xfs.length + this.added.length;
    this.added.push(setAttributes(base, { fillId: String(fillId), applyFill: mark === 'clear' ? '0' : '1' }));
    this.clones.set(key, index);
    return index;
  }

  xml(): string {
    const fill = (argb: string) =>
      `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
    const s = this.source;
    const fillsOpen = s.lastIndexOf('<fills', this.fillsEnd);
    const xfsOpen = s.lastIndexOf('<cellXfs', this.xfsEnd);
    const newFills = [
      ...(this.fillIds.error === this.fillCount ? [fill(ERROR_FILL_ARGB)] : []),
      ...(this.fillIds.warning >= this.fillCount ? [fill(WARNING_FILL_ARGB)] : []),
    ];
    return (
      setCount(s.slice(0, this.fillsEnd), fillsOpen, this.fillCount + newFills.length) +
      newFills.join('') +
      setCount(s.slice(this.fillsEnd, this.xfsEnd), xfsOpen - this.fillsEnd, this.xfs.length + this.added.length) +
      this.added.join('') +
      s.slice(this.xfsEnd)
    );
  }
}

/** Rewrites the `count` attribute of the start tag at `tagStart` within `text`. */
function setCount(text: string, tagStart: number, count: number): string {
  const tagEnd = text.indexOf('>', tagStart);
  const tag = text.slice(tagStart, tagEnd);
  const updated = / count="\d+"/.test(tag)
    ? tag.replace(/ count="\d+"/, ` count="${count}"`)
    : tag.replace(/\/?$/, (end) => ` count="${count}"${end}`);
  return text.slice(0, tagStart) + updated + text.slice(tagEnd);
}

/** The complete `<name …/>` or `<name …>…</name>` elements in `xml`, in order. */
function elements(xml: string, name: string): string[] {
  const found: string[] = [];
  forEachTag(xml, name, (tag) => found.push(tag));
  // forEachTag gives start tags; complete the paired ones with their content
  let from = 0;
  return found.map((tag) => {
    const at = xml.indexOf(tag, from);
    from = at + tag.length;
    if (tag.endsWith('/>')) return tag;
    const close = xml.indexOf(`</${name}>`, from);
    from = close + name.length + 3;
    return xml.slice(at, from);
  });
}

function setAttributes(element: string, values: Record<string, string>): string {
  const tagEnd = element.indexOf('>');
  const selfClosing = element[tagEnd - 1] === '/';
  let tag = element.slice(0, selfClosing ? tagEnd - 1 : tagEnd);
  for (const [name, value] of Object.entries(values)) {
    const pattern = new RegExp(`\\s${name}="[^"]*"`);
    tag = pattern.test(tag) ? tag.replace(pattern, ` ${name}="${value}"`) : `${tag} ${name}="${value}"`;
  }
  return tag + (selfClosing ? '/>' : '>') + element.slice(tagEnd + 1);
}

/**
 * The sheet with bad cells pointing at filled formats (cells that hold nothing are added),
 * earlier marks cleared, and the legacy drawing referenced. Null for layouts this edit does
 * not handle (cells or rows without references).
 */
function patchSheet(
  xml: string,
  marks: Map<number, Map<number, Mark>>,
  styles: StylePatch,
  legacyDrawingId: string | null,
): string | null {
  const dataOpen = xml.indexOf('<sheetData');
  if (dataOpen < 0) return null;
  const dataTagEnd = xml.indexOf('>', dataOpen);
  const selfClosing = xml[dataTagEnd - 1] === '/';
  const dataEnd = selfClosing ? dataTagEnd + 1 : xml.indexOf('</sheetData>', dataTagEnd);
  if (dataEnd < 0) return null;
  const out: string[] = [xml.slice(0, dataOpen), '<sheetData>'];
  const pendingRows = [...marks.keys()].sort((a, b) => a - b);
  let next = 0;
  const emitMissingRowsBefore = (rowNumber: number) => {
    while (next < pendingRows.length && pendingRows[next]! < rowNumber) {
      const row = pendingRows[next++]!;
      out.push(`<row r="${row}">${newCells(row, marks.get(row)!, new Set(), styles)}</row>`);
    }
  };

  let pos = selfClosing ? dataEnd : dataTagEnd + 1;
  while (!selfClosing) {
    const rowStart = xml.indexOf('<row', pos);
    if (rowStart < 0 || rowStart > dataEnd) break;
    const rowTagEnd = xml.indexOf('>', rowStart);
    const rowSelfClosing = xml[rowTagEnd - 1] === '/';
    const rowEnd = rowSelfClosing ? rowTagEnd + 1 : xml.indexOf('</row>', rowTagEnd) + 6;
    const rowTag = xml.slice(rowStart, rowSelfClosing ? rowTagEnd - 1 : rowTagEnd);
    const r = attribute(rowTag, 'r');
    if (!r) return null;
    const rowNumber = Number(r);
    emitMissingRowsBefore(rowNumber);
    const rowMarks = marks.get(rowNumber);
    if (rowMarks && pendingRows[next] === rowNumber) next++;
    const body = rowSelfClosing ? '' : xml.slice(rowTagEnd + 1, rowEnd - 6);
    if (!rowMarks && !(styles.hasOurs && body.includes(' s="'))) {
      out.push(xml.slice(rowStart, rowEnd));
    } else {
      const cells = patchRow(rowNumber, body, rowMarks ?? new Map(), styles);
      if (cells === null) return null;
      out.push(`${rowTag.replace(/\sspans="[^"]*"/, '')}>${cells}</row>`);
    }
    pos = rowEnd;
  }
  emitMissingRowsBefore(Number.POSITIVE_INFINITY);
  out.push('</sheetData>');
  let rest = xml.slice(selfClosing ? dataEnd : dataEnd + '</sheetData>'.length);
  if (legacyDrawingId) {
    const element = `<legacyDrawing xmlns:r="${REL_NS}" r:id="${legacyDrawingId}"/>`;
    const before = [
      '<legacyDrawingHF',
      '<drawingHF',
      '<picture',
      '<oleObjects',
      '<controls',
      '<webPublishItems',
      '<tableParts',
      '<extLst',
      '</worksheet>',
    ]
      .map((tag) => rest.indexOf(tag))
      .filter((at) => at >= 0);
    const at = Math.min(...before);
    rest = rest.slice(0, at) + element + rest.slice(at);
  }
  out.push(rest);
  return out.join('');
}

function patchRow(rowNumber: number, body: string, rowMarks: Map<number, Mark>, styles: StylePatch): string | null {
  const out: string[] = [];
  const seen = new Set<number>();
  const missing = [...rowMarks.keys()].sort((a, b) => a - b);
  let nextMissing = 0;
  let pos = 0;
  for (;;) {
    const at = body.indexOf('<c', pos);
    if (at < 0) break;
    const next = body[at + 2];
    if (next !== ' ' && next !== '>' && next !== '/') {
      pos = at + 2;
      continue;
    }
    out.push(body.slice(pos, at));
    const tagEnd = body.indexOf('>', at);
    const selfClosing = body[tagEnd - 1] === '/';
    const end = selfClosing ? tagEnd + 1 : body.indexOf('</c>', tagEnd) + 4;
    const tag = body.slice(at, selfClosing ? tagEnd - 1 : tagEnd);
    const ref = attribute(tag, 'r');
    if (!ref) return null;
    const column = columnIndex(ref.replace(/\d+$/, ''));
    while (nextMissing < missing.length && missing[nextMissing]! < column) {
      const col = missing[nextMissing++]!;
      out.push(`<c r="${columnLetter(col)}${rowNumber}" s="${styles.formatFor(rowMarks.get(col)!, 0)}"/>`);
    }
    if (missing[nextMissing] === column) nextMissing++;
    seen.add(column);
    const format = Number(attribute(tag, 's') ?? 0);
    const mark = rowMarks.get(column);
    const wanted = mark
      ? styles.formatFor(mark, format)
      : styles.isOurs(format)
        ? styles.formatFor('clear', format)
        : format;
    out.push(wanted === format ? body.slice(at, end) : setAttributes(body.slice(at, end), { s: String(wanted) }));
    pos = end;
  }
  out.push(body.slice(pos).replace(/\s*$/, ''));
  out.push(newCells(rowNumber, rowMarks, seen, styles, missing.slice(nextMissing)));
  return out.join('');
}

/** Empty cells carrying only a mark, for columns the row does not have. */
function newCells(
  rowNumber: number,
  rowMarks: Map<number, Mark>,
  existing: Set<number>,
  styles: StylePatch,
  columns = [...rowMarks.keys()].sort((a, b) => a - b),
): string {
  return columns
    .filter((col) => !existing.has(col))
    .map((col) => `<c r="${columnLetter(col)}${rowNumber}" s="${styles.formatFor(rowMarks.get(col)!, 0)}"/>`)
    .join('');
}

interface ParsedComments {
  /** authors' names as stored */
  authors: string[];
  /** the coordinator's own comments, kept as written */
  kept: { ref: string; xml: string }[];
}

function parseComments(xml: string): ParsedComments {
  const authors: string[] = [];
  for (const match of xml.matchAll(/<author>([\s\S]*?)<\/author>|<author\/>/g)) authors.push(match[1] ?? '');
  const kept: ParsedComments['kept'] = [];
  for (const comment of elements(xml, 'comment')) {
    if (isOurNote(richText(comment))) continue;
    kept.push({ ref: attribute(comment, 'ref') ?? '', xml: comment });
  }
  return { authors, kept };
}

function commentsXml(existing: ParsedComments, ours: { ref: string; text: string }[]): string {
  const authors = existing.authors.includes(AUTHOR) ? existing.authors : [...existing.authors, AUTHOR];
  const authorId = authors.indexOf(AUTHOR);
  const comments = ours.map(
    ({ ref, text }) =>
      `<comment ref="${ref}" authorId="${authorId}"><text><r><t xml:space="preserve">${escapeXml(text)}</t></r></text></comment>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN_NS}"><authors>${authors.map((name) => `<author>${name}</author>`).join('')}</authors>` +
    `<commentList>${existing.kept.map((c) => c.xml).join('')}${comments.join('')}</commentList></comments>`
  );
}

/** The VML drawing Excel needs to show notes: one hidden box per commented cell. */
function vmlXml(refs: string[]): string {
  // Shape ids must be unique in the workbook; a block of 1,024 ids per idmap entry, from 100 up.
  const blocks = Array.from({ length: Math.max(1, Math.ceil(refs.length / 1024)) }, (_, i) => 100 + i);
  const shapes = refs.map((ref, i) => {
    const match = /^([A-Z]+)(\d+)$/.exec(ref);
    const col = match ? columnIndex(match[1]!) : 0;
    const row = match ? Number(match[2]) - 1 : 0;
    return (
      `<v:shape id="_x0000_s${102400 + i + 1}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:80pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${Math.max(0, row - 1)}, 10, ${col + 5}, 15, ${row + 4}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData>` +
      '</v:shape>'
    );
  });
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(',')}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    shapes.join('') +
    '</xml>'
  );
}

/** «Ошибки»: every problem with a link to its cell. Inline strings, so shared strings stay as they are. */
function issueListSheetXml(sheetName: string, issues: readonly SheetIssue[]): string {
  const text = (ref: string, value: string) =>
    `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
  const rows = [
    `<row r="1">${text('A1', t('xlsx-annotate-column-severity'))}${text('B1', t('xlsx-annotate-column-message'))}</row>`,
  ];
  const links: string[] = [];
  const quotedSheet = `'${sheetName.replace(/'/g, "''")}'`;
  issues.forEach((issue, i) => {
    const row = i + 2;
    rows.push(
      `<row r="${row}">${text(`A${row}`, t(`xlsx-severity-${issue.severity}`))}${text(`B${row}`, renderIssue(issue))}</row>`,
    );
    if (issue.row !== undefined)
      links.push(
        `<hyperlink ref="B${row}" location="${escapeXml(`${quotedSheet}!${issue.column ?? 'A'}${issue.row}`)}"/>`,
      );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<cols><col min="1" max="1" width="16" customWidth="1"/><col min="2" max="2" width="120" customWidth="1"/></cols>' +
    `<sheetData>${rows.join('')}</sheetData>` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    '</worksheet>'
  );
}

class RelationshipsPatch {
  private readonly ids = new Set<string>();
  private readonly additions: string[] = [];

  constructor(private readonly source: string | null) {
    if (source) for (const match of source.matchAll(/\sId="([^"]+)"/g)) this.ids.add(match[1]!);
  }

  find(typeSuffix: string): { id: string; target: string } | null {
    const tags: string[] = [];
    if (this.source) forEachTag(this.source, 'Relationship', (tag) => tags.push(tag));
    const tag = tags.find((candidate) => (attribute(candidate, 'Type') ?? '').endsWith(typeSuffix));
    return tag ? { id: attribute(tag, 'Id') ?? '', target: attribute(tag, 'Target') ?? '' } : null;
  }

  add(type: string, target: string): string {
    let n = this.ids.size + 1;
    while (this.ids.has(`rIdK${n}`)) n++;
    const id = `rIdK${n}`;
    this.ids.add(id);
    this.additions.push(`<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`);
    return id;
  }

  xml(): string {
    const added = this.additions.join('');
    if (this.source?.includes('</Relationships>'))
      return this.source.replace('</Relationships>', `${added}</Relationships>`);
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${added}</Relationships>`;
  }
}

class ContentTypes {
  constructor(private source: string) {}

  ensureDefault(extension: string, type: string): void {
    if (new RegExp(`Extension="${extension}"`, 'i').test(this.source)) return;
    this.source = this.source.replace('</Types>', `<Default Extension="${extension}" ContentType="${type}"/></Types>`);
  }

  ensureOverride(path: string, type: string): void {
    if (this.source.includes(`PartName="/${path}"`)) return;
    this.source = this.source.replace('</Types>', `<Override PartName="/${path}" ContentType="${type}"/></Types>`);
  }

  xml(): string {
    return this.source;
  }
}

/** `prefix` + the first number whose path the package does not have yet. */
function freePath(pkg: XlsxPackage, prefix: string, suffix: string): string {
  let n = 1;
  while (pkg.entries.has(`${prefix}${n}${suffix}`)) n++;
  return `${prefix}${n}${suffix}`;
}

/** A relationship target from `baseDir` to `path`, e.g. `../comments1.xml`. */
function relative(baseDir: string, path: string): string {
  const from = baseDir.split('/').filter(Boolean);
  const to = path.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/** The text of a cell's note, plain or rich. */
export function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note;
  return typeof note === 'string' ? note : (note?.texts?.map((part) => part.text).join('') ?? '');
}

/** The same copy through ExcelJS, for the layouts the XML edit leaves alone (small files only). */
async function annotateWithExcelJs(originalBytes: Uint8Array, options: AnnotateOptions): Promise<Buffer | null> {
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(
        originalBytes.buffer,
        originalBytes.byteOffset,
        originalBytes.byteLength,
      ) as unknown as ExcelJS.Buffer,
    );
  } catch {
    return null;
  }
  const sheet = workbook.getWorksheet(options.sheetName);
  if (!sheet) return null;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (!isOurNote(noteText(cell))) return;
      cell.note = undefined as unknown as string;
      const fill = cell.fill;
      const argb = fill && fill.type === 'pattern' ? fill.fgColor?.argb : undefined;
      if (argb === ERROR_FILL_ARGB || argb === WARNING_FILL_ARGB) cell.fill = { type: 'pattern', pattern: 'none' };
    });
  });
  const { byRow, notes } = collectMarks(options.issues);
  for (const [rowNumber, columns] of byRow) {
    for (const [column, mark] of columns) {
      const cell = sheet.getCell(rowNumber, column + 1);
      cell.fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: mark === 'error' ? ERROR_FILL_ARGB : WARNING_FILL_ARGB },
      };
      cell.note = NOTE_MARK + notes.get(`${columnLetter(column)}${rowNumber}`)!.join('\n');
    }
  }
  const listName = t('xlsx-annotate-sheet');
  const existing = workbook.getWorksheet(listName);
  if (existing) workbook.removeWorksheet(existing.id);
  const list = workbook.addWorksheet(listName);
  list.columns = [
    { header: t('xlsx-annotate-column-severity'), width: 16 },
    { header: t('xlsx-annotate-column-message'), width: 120 },
  ];
  for (const issue of options.issues) list.addRow([t(`xlsx-severity-${issue.severity}`), renderIssue(issue)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
