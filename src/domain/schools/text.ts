/**
 * Text folded for comparison the way people read it: case, ё/е, quotes, «№», punctuation and
 * spacing do not matter. Shared by school names and types, the procedure catalogue and the
 * matching of column headers, so the same spelling is forgiven everywhere alike.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"“”„'’`№]/g, '')
    .replace(/[.,:;()[\]{}/\\_\-–—*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
