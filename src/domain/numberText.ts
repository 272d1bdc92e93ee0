/**
 * A number written as text by a person — typed in chat or left as text in a spreadsheet cell.
 * One grammar for both (issue 14): a director who types «1 234,5» and a coordinator whose cell
 * holds «1 234,5» get the same number.
 *
 * Accepted:
 * - a decimal comma or dot: «12,5», «12.5», «,5», «12.» (a full stop after a number is a sentence's);
 * - digit groups of three separated by a space, a no-break, narrow or thin space: «1 234 567»;
 * - a sign: «+», «-», «−» (U+2212) and «–» (U+2013, what phones and Word make of «-»), spaces after it;
 * - an exponent «1,5E+3» (systems that export numbers as text write big ones that way);
 * - a trailing «%» («12 %», «12%»), reported as `percentSign` — the caller decides what it means.
 *
 * Refused where the two former grammars differed, deliberately:
 * - spaces other than between groups of three («12 5», «1 23»): two numbers or a typo, not 125;
 * - a «%» anywhere but at the end («%25», «2%5»);
 * - «1,234,567» and «1.234,5»: the separators are ambiguous, a person should check them.
 */
export interface NumberText {
  value: number;
  /** the text ended with «%» */
  percentSign: boolean;
}

const NUMBER = /^([-+\u2212\u2013])? ?(\d{1,3}(?: \d{3})+|\d*)(?:[.,](\d*))?(?:[eE]([-+]?\d{1,3}))?$/;

/** The number the text holds, or null when it holds anything else. */
export function parseNumberText(input: string): NumberText | null {
  // \s covers the no-break (U+00A0), narrow (U+202F), thin (U+2009) and figure (U+2007) spaces
  let text = input.replace(/\s+/g, ' ').trim();
  let percentSign = false;
  if (text.endsWith('%')) {
    percentSign = true;
    text = text.slice(0, -1).trimEnd();
  }
  const match = NUMBER.exec(text);
  if (!match) return null;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return null;
  const value = Number(`${whole.replace(/ /g, '') || '0'}.${fraction || '0'}e${exponent}`);
  if (!Number.isFinite(value)) return null;
  const negative = sign !== undefined && sign !== '+';
  return { value: negative && value !== 0 ? -value : value, percentSign };
}
