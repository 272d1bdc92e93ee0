/**
 * What kind of file did the coordinator send? Decided by magic bytes, never by the file name
 * (an «.xls» from a web system is often HTML, a «.xlsx» may be a renamed .csv).
 */

export type FileKind =
  | 'empty'
  | 'zip'
  | 'encrypted-office' // OLE compound file holding an encrypted OOXML package (password-protected .xlsx)
  | 'legacy-xls' // OLE compound file with a Workbook stream (Excel 97–2003)
  | 'legacy-office' // OLE compound file of another program (.doc, .ppt, …)
  | 'pdf'
  | 'html'
  | 'text'
  | 'unknown';

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniffFileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return 'zip';
  if (CFB_MAGIC.every((byte, i) => bytes[i] === byte)) {
    const names = compoundFileStreamNames(bytes);
    if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return 'encrypted-office';
    if (names.has('Workbook') || names.has('Book')) return 'legacy-xls';
    return 'legacy-office';
  }
  if (startsWithAscii(bytes, '%PDF')) return 'pdf';
  return sniffText(bytes);
}

function startsWithAscii(bytes: Uint8Array, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * Names in an OLE compound file's directory. Directory entries are 128 bytes long and start
 * on 128-byte boundaries (the 512-byte header and every sector size are multiples of 128);
 * each begins with its name in UTF-16LE, and bytes 64–65 hold the name's byte length with
 * the terminating zero. Looking at those places only keeps cell text from being mistaken for
 * a stream name, without walking the FAT chains of a file that may be damaged.
 */
export function compoundFileStreamNames(bytes: Uint8Array): Set<string> {
  const names = new Set<string>();
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    const byteLength = bytes[at + 64]! | (bytes[at + 65]! << 8);
    const objectType = bytes[at + 66];
    // 1 storage, 2 stream, 5 root; names are 2..64 bytes including the zero terminator
    if (byteLength < 4 || byteLength > 64 || byteLength % 2 !== 0) continue;
    if (objectType !== 1 && objectType !== 2 && objectType !== 5) continue;
    const chars = byteLength / 2 - 1;
    if (bytes[at + chars * 2] !== 0 || bytes[at + chars * 2 + 1] !== 0) continue;
    let name = '';
    for (let i = 0; i < chars; i++) name += String.fromCharCode(bytes[at + i * 2]! | (bytes[at + i * 2 + 1]! << 8));
    names.add(name);
  }
  return names;
}

/** Text files: CSV and friends, or HTML/XML pretending to be a spreadsheet. */
function sniffText(bytes: Uint8Array): FileKind {
  const sample = bytes.subarray(0, 4096);
  let start = 0;
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) start = 3; // UTF-8 BOM
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) return 'text'; // UTF-16 BOM
  let control = 0;
  for (let i = start; i < sample.length; i++) {
    const byte = sample[i]!;
    if (byte === 0) return 'unknown';
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  }
  // Single-byte Cyrillic (cp1251) and UTF-8 both pass: only control bytes betray binary data.
  if (control > sample.length / 100) return 'unknown';
  const head = new TextDecoder('latin1')
    .decode(sample.subarray(start, start + 512))
    .trimStart()
    .toLowerCase();
  if (
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    head.startsWith('<?xml') ||
    head.startsWith('<table')
  )
    return 'html';
  return 'text';
}

/** A zip's kind from its entry names: a workbook, or some other document in a zip. */
export type ZipKind = 'xlsx' | 'xlsb' | 'docx' | 'pptx' | 'ods' | 'other-zip';

export function classifyZip(names: Iterable<string>): ZipKind {
  let kind: ZipKind = 'other-zip';
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower === 'xl/workbook.xml') return 'xlsx';
    if (lower === 'xl/workbook.bin') kind = 'xlsb';
    else if (lower.startsWith('word/') && kind === 'other-zip') kind = 'docx';
    else if (lower.startsWith('ppt/') && kind === 'other-zip') kind = 'pptx';
    else if (lower === 'content.xml' && kind === 'other-zip') kind = 'ods';
  }
  return kind;
}
