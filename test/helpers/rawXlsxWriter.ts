/**
 * A minimal, fast .xlsx writer that emits the package XML directly (shared strings, numbers,
 * booleans, formulas with cached results, error values, dates, percentages, merged cells).
 * It exists for generated data: the region-scale benchmark file and test files that ExcelJS
 * would take too long to write (200,000+ rows). Templates for people are written with ExcelJS.
 * Sheet XML is compressed as it is produced, so memory holds the compressed file, not the XML.
 */
import { columnLetter } from '../../src/files/xlsx/issues.ts';
import { escapeXml } from '../../src/files/xlsx/read/xml.ts';
import { ZipWriter } from '../../src/files/xlsx/write/zipWriter.ts';

export type RawCell =
  | string
  | number
  | boolean
  | null
  | undefined
  | Date
  | { formula: string; result?: number | string | boolean; error?: string }
  | { percent: number }
  | { inline: string };

export interface RawSheet {
  name: string;
  /** row i is Excel row i + 1; null leaves the row out */
  rows: Iterable<readonly RawCell[] | null>;
  merges?: string[];
}

const STYLE_DATE = 1;
const STYLE_PERCENT = 2;

const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** Sheet XML is handed to the compressor in pieces about this big. */
const FLUSH_CHARS = 1024 * 1024;

export function buildXlsx(sheets: RawSheet[], options: { level?: 0 | 1 | 6 | 9 } = {}): Uint8Array {
  const zip = new ZipWriter(options.level ?? 6);
  const encoder = new TextEncoder();
  const addFile = (name: string, text: string) => zip.file(name, encoder.encode(text));

  const sharedIndex = new Map<string, number>();
  const shared: string[] = [];
  const share = (text: string) => {
    let index = sharedIndex.get(text);
    if (index === undefined) {
      index = shared.length;
      shared.push(text);
      sharedIndex.set(text, index);
    }
    return index;
  };
  const columnNames: string[] = [];
  const colName = (index: number) => (columnNames[index] ??= columnLetter(index));

  sheets.forEach((sheet, sheetIndex) => {
    const file = zip.entry(`xl/worksheets/sheet${sheetIndex + 1}.xml`);
    let pending =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>';
    let rowNumber = 0;
    for (const cells of sheet.rows) {
      rowNumber++;
      if (!cells) continue;
      let xml = `<row r="${rowNumber}">`;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (cell === null || cell === undefined) continue;
        const ref = colName(c) + rowNumber;
        if (typeof cell === 'string') xml += `<c r="${ref}" t="s"><v>${share(cell)}</v></c>`;
        else if (typeof cell === 'number') xml += `<c r="${ref}"><v>${cell}</v></c>`;
        else if (typeof cell === 'boolean') xml += `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
        else if (cell instanceof Date)
          xml += `<c r="${ref}" s="${STYLE_DATE}"><v>${(cell.getTime() - EPOCH_1900) / 86_400_000}</v></c>`;
        else if ('percent' in cell) xml += `<c r="${ref}" s="${STYLE_PERCENT}"><v>${cell.percent}</v></c>`;
        else if ('inline' in cell)
          xml += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.inline)}</t></is></c>`;
        else {
          const f = `<f>${escapeXml(cell.formula)}</f>`;
          if (cell.error !== undefined) xml += `<c r="${ref}" t="e">${f}<v>${escapeXml(cell.error)}</v></c>`;
          else if (cell.result === undefined) xml += `<c r="${ref}">${f}</c>`;
          else if (typeof cell.result === 'string')
            xml += `<c r="${ref}" t="str">${f}<v>${escapeXml(cell.result)}</v></c>`;
          else if (typeof cell.result === 'boolean') xml += `<c r="${ref}" t="b">${f}<v>${cell.result ? 1 : 0}</v></c>`;
          else xml += `<c r="${ref}">${f}<v>${cell.result}</v></c>`;
        }
      }
      pending += `${xml}</row>`;
      if (pending.length >= FLUSH_CHARS) {
        file.push(encoder.encode(pending));
        pending = '';
      }
    }
    pending += '</sheetData>';
    if (sheet.merges?.length) {
      pending += `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
    }
    file.push(encoder.encode(`${pending}</worksheet>`));
    file.end();
  });

  const sheetList = sheets
    .map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const sheetRels = sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  const n = sheets.length;
  addFile(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  addFile(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  addFile(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetList}</sheets></workbook>`,
  );
  addFile(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  addFile(
    'xl/styles.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
  );
  addFile(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared
      .map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`)
      .join('')}</sst>`,
  );
  return zip.finish();
}
