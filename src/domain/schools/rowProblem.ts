/**
 * What a row validator says about one field of one row. The files layer places it on the
 * field's column and renders `code` (a locale key) with `params`.
 * Shared by the row validators of the school registry and of the results.
 */
export interface RowProblem<F extends string> {
  severity: 'error' | 'warning';
  field: F;
  code: string;
  params?: Record<string, string | number>;
}
