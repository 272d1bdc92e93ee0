/** Questionnaire domain (issue #5): model, answers, flow, versions, sheets, export, built-ins. */
export * from './model.ts';
export * from './answers.ts';
export * from './navigation.ts';
export * from './catalog.ts';
export * from './prefill.ts';
export * from './export.ts';
export * from './fromSheetRows.ts';
export * from './builtin/index.ts';
