/**
 * ExcelJS, loaded on first use: importing it costs about a second and ~20 MB, which every
 * `kurator` command would pay at start although most never write a workbook.
 */
import type ExcelJSModule from 'exceljs';

let loading: Promise<typeof ExcelJSModule> | undefined;

export function loadExcelJS(): Promise<typeof ExcelJSModule> {
  loading ??= import('exceljs').then((module) => (module as { default?: typeof ExcelJSModule }).default ?? module);
  return loading;
}
