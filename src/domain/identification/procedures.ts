/**
 * Matching stored result rows (`ResultRow.procedure`: kind × subject × grade) to the procedures a
 * rules file names (the nine ФИОКО procedures, the ВПР items 4.1–4.4 of the risk table, the ОГЭ/ЕГЭ
 * subjects of the regional indicators).
 *
 * Subjects are compared normalised (case, ё/е, runs of spaces, spaces around brackets), so
 * «  русский   ЯЗЫК » and «Русский язык» are one subject. A spec may list several spellings.
 */
import type { AssessmentKind, Procedure } from '../results/types.ts';

/** A procedure as a rules file describes it. */
export interface ProcedureSpec {
  /** stable identifier used in evidence and JSON output, e.g. `vpr-math-5` */
  id: string;
  /** Russian name as the seed or the regional act spells it, e.g. «ВПР по математике (5 класс)» */
  label: string;
  kind: AssessmentKind;
  /** accepted subject spellings; compared after `normalizeSubject` */
  subjects: string[];
  /** grade; `null` matches any grade. A row without a grade counts as grade 9 (ОГЭ) or 11 (ЕГЭ). */
  grade: number | null;
}

export function normalizeSubject(subject: string): string {
  return subject
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/ ?\( ?/g, ' (')
    .replace(/ ?\)/g, ')')
    .trim();
}

/** ОГЭ is taken in grade 9 and ЕГЭ in grade 11; the results template may leave the grade empty. */
export function effectiveGrade(procedure: Procedure): number | null {
  if (procedure.grade !== null) return procedure.grade;
  if (procedure.kind === 'OGE') return 9;
  if (procedure.kind === 'EGE') return 11;
  return null;
}

interface Candidate {
  kind: AssessmentKind;
  grade: number | null;
  index: number;
}

/**
 * Finds the spec a row's procedure belongs to. Built once per run; caches by the raw subject
 * string, so matching a million rows costs one Map lookup and a loop over one or two candidates.
 */
export class ProcedureMatcher {
  private readonly byNormalizedSubject = new Map<string, Candidate[]>();
  private readonly byRawSubject = new Map<string, readonly Candidate[]>();

  constructor(readonly specs: readonly ProcedureSpec[]) {
    specs.forEach((spec, index) => {
      for (const subject of new Set(spec.subjects.map(normalizeSubject))) {
        const list = this.byNormalizedSubject.get(subject) ?? [];
        list.push({ kind: spec.kind, grade: spec.grade, index });
        this.byNormalizedSubject.set(subject, list);
      }
    });
  }

  // Consecutive rows mostly share a subject (imports come procedure by procedure).
  private lastSubject: string | null = null;
  private lastCandidates: readonly Candidate[] = [];

  /** Index of the first matching spec, or -1. */
  match(procedure: Procedure): number {
    let candidates: readonly Candidate[] | undefined;
    if (procedure.subject === this.lastSubject) candidates = this.lastCandidates;
    else {
      candidates = this.byRawSubject.get(procedure.subject);
      if (candidates === undefined) {
        candidates = this.byNormalizedSubject.get(normalizeSubject(procedure.subject)) ?? [];
        this.byRawSubject.set(procedure.subject, candidates);
      }
      this.lastSubject = procedure.subject;
      this.lastCandidates = candidates;
    }
    if (candidates.length === 0) return -1;
    const grade = effectiveGrade(procedure);
    for (const candidate of candidates) {
      if (candidate.kind === procedure.kind && (candidate.grade === null || candidate.grade === grade)) {
        return candidate.index;
      }
    }
    return -1;
  }
}

/** Pairs of specs that would claim the same rows (same kind, overlapping grade, same subject). */
export function overlappingSpecs(specs: readonly ProcedureSpec[]): Array<[number, number]> {
  const overlaps: Array<[number, number]> = [];
  for (let i = 0; i < specs.length; i++) {
    for (let j = i + 1; j < specs.length; j++) {
      const a = specs[i]!;
      const b = specs[j]!;
      if (a.kind !== b.kind) continue;
      if (a.grade !== null && b.grade !== null && a.grade !== b.grade) continue;
      const subjectsA = new Set(a.subjects.map(normalizeSubject));
      if (b.subjects.some((subject) => subjectsA.has(normalizeSubject(subject)))) overlaps.push([i, j]);
    }
  }
  return overlaps;
}
