/**
 * Locale keys (locales/ru/identify.ftl) for the ids the methods return, so the bot, the CLI and
 * spreadsheets name criteria, items and indicators the same way.
 */
import type { IdentificationMethod, VerdictStatus } from './verdict.ts';

export const methodLabelKey = (method: IdentificationMethod): string => `identify-method-${method}`;

export const statusLabelKey = (status: VerdictStatus): string => `identify-status-${status}`;

/** Any criterion / risk factor id: `two-years`, `staff`, `oge-math-mean-falling`, `social-index`, … */
export const criterionLabelKey = (criterion: string): string => `identify-criterion-${criterion}`;

/** `2.1` → `identify-risk-item-2-1`, `1.3.physics` → `identify-risk-item-1-3-physics` */
export const riskItemLabelKey = (item: string): string => `identify-risk-item-${item.replace(/\./g, '-')}`;

/**
 * `singleParentFamilies` → `identify-social-indicator-single-parent-families`. Only the default
 * indicators have one; a committee's own indicator carries its `label` in the rules file.
 */
export const socialIndicatorLabelKey = (name: string): string =>
  `identify-social-indicator-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
