/**
 * The yardstick of the import benchmarks (`bench:import-parse`, `bench:import`): the least any
 * reader must do with a results file: unzip it (fflate `unzipSync`) and parse the sheet XML
 * into rows of cell values with regular expressions (shared strings resolved, numbers parsed).
 * No limits, no types, no validation. Not for real files: for timing only.
 */
import { strFromU8, unzipSync } from 'fflate';

/** Returns the number of data rows (rows below the header) of the first sheet. */
export function baselineParse(bytes: Uint8Array): number {
  const files = unzipSync(bytes, {
    filter: (file) => file.name === 'xl/worksheets/sheet1.xml' || file.name === 'xl/sharedStrings.xml',
  });
  const shared: string[] = [];
  const sharedXml = files['xl/sharedStrings.xml'];
  if (sharedXml)
    for (const match of strFromU8(sharedXml).matchAll(/<si>.*?<t[^>]*>(.*?)<\/t>.*?<\/si>/gs)) shared.push(match[1]!);
  const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const cell = /<c r="[A-Z]+\d+"([^>]*?)(?:\/>|>(?:<f>[^<]*<\/f>)?(?:<v>([^<]*)<\/v>)?<\/c>)/g;
  const rows: (string | number)[][] = [];
  for (const row of xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)) {
    const values: (string | number)[] = [];
    for (const match of row[1]!.matchAll(cell)) {
      if (match[2] === undefined) continue;
      values.push(match[1]!.includes('t="s"') ? shared[Number(match[2])]! : Number(match[2]));
    }
    rows.push(values);
  }
  return rows.length - 1;
}
