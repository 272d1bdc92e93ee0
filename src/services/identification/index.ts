/**
 * Identification of schools (issue #4): the use case around src/domain/identification, in rooms:
 * run.ts (compute and store a run: scope.ts → inputs → domain methods → store.ts), views.ts (what
 * readers get), history.ts (one school across runs), rerun.ts (after a results import).
 *
 * run: check scope → load results / answers (one query per source, never per school) → run the
 * domain methods → store an IdentificationRun with its verdicts per method, in one transaction
 * with an audit entry → entered / left against the previous run of the same method and scope.
 *
 * How a run is stored (no columns of its own for these, so that nothing in the schema changes):
 * - IdentificationRun.rules: `StoredRunDetails` — the rules section that ran, the rule texts
 *   cited, procedure labels, missing data, and the entered / left codes against the previous run;
 * - IdentificationVerdict.criteria: the criteria met (ids, as the domain names them);
 * - IdentificationVerdict.evidence: `{ status, undetermined, items }` — the domain's status,
 *   the criteria missing data could still make met, and the evidence list.
 * - IdentificationRun.municipalityId: the scope; null = the whole region (one region per deployment).
 * - IdentificationRun.year: '' when the method has no year (risk / social without one given).
 *
 * Scopes: ФИОКО, risk and social verdicts depend only on a school's own data, so they are computed
 * for the schools in scope. The academic year L is chosen region-wide (the latest year in the
 * whole region's data), so a coordinator's list is the region's list cut to its municipality.
 * Regional indicators compare with the region and rank the region's schools, so they are computed
 * over the region and cut to the scope afterwards.
 */
export { schoolIdentificationHistory } from './history.ts';
export { rerunAfterImport, type MunicipalityChanges } from './rerun.ts';
export { runIdentification } from './run.ts';
export {
  IDENTIFICATION_METHODS,
  identificationReport,
  latestIdentification,
  type IdentificationSummary,
  type MethodOutcome,
  type MethodRunView,
  type RunIdentificationRequest,
  type SchoolRef,
  type ScopeView,
} from './views.ts';
