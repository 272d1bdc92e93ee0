/**
 * Share comparisons with a tolerance.
 *
 * Why: in floating point 0.3 × 10 = 3.0000000000000004 and 0.1 + 0.2 = 0.30000000000000004, so a
 * naive `failed >= threshold * participants` calls exactly 30 % "not low", and a sum of
 * questionnaire shares that is exactly 10 % may count as "more than 10 %". Distinct shares of
 * school-sized counts (participants below 10^4) differ by more than 10^-8, far above the tolerance.
 */
const SHARE_TOLERANCE = 1e-9;

export type Comparison = '>=' | '>' | '<' | '<=';

export function compareShare(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case '>=':
      return value >= threshold - SHARE_TOLERANCE;
    case '>':
      return value > threshold + SHARE_TOLERANCE;
    case '<':
      return value < threshold - SHARE_TOLERANCE;
    case '<=':
      return value <= threshold + SHARE_TOLERANCE;
  }
}
