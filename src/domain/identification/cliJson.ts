/**
 * The JSON `kurator identify --method <m> --json` prints (issue #4):
 * `{ year, method, schools: [ { code, name, flagged, criteria, evidence } ] }`, shares as fractions.
 * Besides the fields it carries `previousYear`, each school's `status` (flagged / clear /
 * incomplete) and what data is missing, since "missing data is reported, not guessed".
 */
import type { AcademicYear } from '../results/types.ts';
import type { FiocoResult } from './fioco.ts';
import type { RegionalResult } from './regional.ts';
import type { RiskResult } from './riskZone.ts';
import type { SocialResult } from './social.ts';
import type { Evidence, IdentificationMethod, SchoolVerdict, VerdictStatus } from './verdict.ts';

export type IdentificationResult = FiocoResult | RiskResult | RegionalResult | SocialResult;

interface CliResultEvidence {
  year: AcademicYear;
  procedure: string;
  participants: number;
  failed: number;
  share: number;
}

/** Non-ФИОКО evidence: the domain evidence without its `kind` tag. */
type CliOtherEvidence = Record<string, string | number | boolean>;

interface CliSchool {
  code: string;
  /** null when the caller has no name for the code */
  name: string | null;
  flagged: boolean;
  status: VerdictStatus;
  criteria: string[];
  /** regional method: criteria met that do not put the school on the list («также», seed 001) */
  also?: string[];
  evidence: Array<CliResultEvidence | CliOtherEvidence>;
}

interface CliMissing {
  code: string;
  year: AcademicYear | null;
  /** procedure ids, questionnaire items or indicator names that are missing */
  items: string[];
}

export interface CliJson {
  year: AcademicYear | null;
  previousYear?: AcademicYear | null;
  method: IdentificationMethod;
  schools: CliSchool[];
  /** years with no data at all for this method */
  missingYears: AcademicYear[];
  missing: CliMissing[];
}

export type SchoolNames = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export function toCliJson(result: IdentificationResult, schoolNames: SchoolNames): CliJson {
  const nameOf = (code: string): string | null =>
    schoolNames instanceof Map
      ? (schoolNames.get(code) ?? null)
      : ((schoolNames as Record<string, string>)[code] ?? null);
  const verdicts: ReadonlyArray<SchoolVerdict> = result.verdicts;
  const schools = verdicts.map(
    (verdict): CliSchool => ({
      code: verdict.schoolCode,
      name: nameOf(verdict.schoolCode),
      flagged: verdict.flagged,
      status: verdict.status,
      criteria: [...verdict.criteria],
      ...('also' in verdict ? { also: [...(verdict as { also: string[] }).also] } : {}),
      evidence: verdict.evidence.map(toCliEvidence),
    }),
  );
  if (result.method === 'fioco') {
    return {
      year: result.year,
      previousYear: result.previousYear,
      method: 'fioco',
      schools,
      missingYears: [...result.missingYears],
      missing: result.missing.map((gap) => ({ code: gap.schoolCode, year: gap.year, items: [...gap.procedures] })),
    };
  }
  return {
    year: result.year,
    method: result.method,
    schools,
    missingYears: [...result.missingYears],
    missing: result.missing.map((gap) => ({ code: gap.schoolCode, year: gap.year, items: [...gap.items] })),
  };
}

function toCliEvidence(evidence: Evidence): CliResultEvidence | CliOtherEvidence {
  if (evidence.kind === 'result') {
    return {
      year: evidence.year,
      procedure: evidence.procedure,
      participants: evidence.participants,
      failed: evidence.failed,
      share: evidence.share,
    };
  }
  const { kind: _kind, ...rest } = evidence;
  const plain: CliOtherEvidence = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) plain[key] = value as string | number | boolean;
  }
  return plain;
}
