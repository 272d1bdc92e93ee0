/** Programme indicators of the seeds (issue #12): catalogue, formulas, shapes. */
export { INDICATOR_IDS } from './catalog.ts';
export { computeIndicators } from './compute.ts';
export type * from './types.ts';
