/**
 * What a weekly digest says (issue 13 §1), as plain JSON: the services gather it, the presenter
 * (src/text/digest.ts) writes the Russian text, the delivery record stores it so a resend after
 * a crash is the same message.
 */

export interface DigestSchoolRef {
  code: string;
  name: string;
}

export interface DigestImport {
  at: string;
  fileName: string;
  /** who imported */
  by: { kind: 'person'; name: string } | { kind: 'cli' } | { kind: 'system' };
  /** rows of this import that belong to the digest's scope */
  rows: number;
}

export interface DigestListChange {
  method: string;
  entered: DigestSchoolRef[];
  left: DigestSchoolRef[];
  /** schools on the list now */
  flagged: number;
  /** in the identification month: every school on the list now, by name */
  schools?: DigestSchoolRef[];
}

export interface DigestCampaign {
  id: number;
  title: string;
  deadline: string;
  submitted: number;
  total: number;
  /** deadline passed, form not submitted */
  late: DigestSchoolRef[];
  /** submitted during the digest's period */
  submittedThisPeriod: number;
}

export interface DigestRoadmapItem {
  id: number;
  number: string;
  title: string;
  deadline: string;
  responsible: string;
}

export interface DigestRoadmap {
  title: string;
  done: number;
  total: number;
  doneThisPeriod: DigestRoadmapItem[];
  dueThisWeek: DigestRoadmapItem[];
  overdue: DigestRoadmapItem[];
}

/** The scope's chart: share of «2» / below the minimum by procedure over the academic years. */
interface DigestChart {
  years: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
}

/** A programme indicator whose value changed since the previous digest (services/indicators). */
export interface DigestIndicatorMove {
  id: string;
  title: string;
  unit: 'share' | 'count' | 'qualitative';
  /** null: no value then (no data), a value now */
  before: number | null;
  after: number | null;
  /** the seed's target in words («не более 5 %»); whether the new value meets it */
  target: string | null;
  onTarget: boolean | null;
}

/** The scope's indicators as stored with a digest record, to compare with the next one. */
export interface DigestIndicatorSnapshot {
  year: string;
  values: Record<string, number | null>;
}

export interface DigestContent {
  scope: { name: string; kind: 'municipality' | 'region' };
  week: string;
  periodStart: string;
  periodEnd: string;
  imports: DigestImport[];
  lists: DigestListChange[];
  campaigns: DigestCampaign[];
  roadmaps: DigestRoadmap[];
  /** the seeds' identification month (domain/calendar/identification.ts): the lists are highlighted */
  identificationMonth: boolean;
  /** stored identification runs behind the «full report» button; empty → no button */
  reportRunIds: number[];
  /** the scope's chart (absent in digests recorded before it existed; null without results) */
  chart?: DigestChart | null;
  /**
   * indicators that moved since the previous digest of the chat; null when there is nothing to
   * compare with (the first digest, or a new academic year)
   */
  indicators?: { year: string; moved: DigestIndicatorMove[] } | null;
  /** the scope has data for /report (the workbook and the справка buttons) */
  reportable?: boolean;
}

/** Which indicators changed between two snapshots of the same academic year (catalogue order kept). */
export function movedIndicators(
  before: DigestIndicatorSnapshot | null,
  now: DigestIndicatorSnapshot,
  catalogue: ReadonlyArray<{
    id: string;
    title: string;
    unit: DigestIndicatorMove['unit'];
    target: { text: string } | null;
    onTarget: boolean | null;
  }>,
): DigestIndicatorMove[] | null {
  if (!before || before.year !== now.year) return null;
  const moved: DigestIndicatorMove[] = [];
  for (const indicator of catalogue) {
    const was = before.values[indicator.id] ?? null;
    const is = now.values[indicator.id] ?? null;
    if (was === is || (was !== null && is !== null && Math.abs(was - is) < 1e-9)) continue;
    if (is === null) continue; // data gone (a school left the scope): not a movement to report
    moved.push({
      id: indicator.id,
      title: indicator.title,
      unit: indicator.unit,
      before: was,
      after: is,
      target: indicator.target?.text ?? null,
      onTarget: indicator.onTarget,
    });
  }
  return moved;
}

/** Nothing happened that a committee would read about: the digest is one «без изменений» line. */
export function digestIsQuiet(content: DigestContent): boolean {
  return (
    content.imports.length === 0 &&
    (content.indicators?.moved.length ?? 0) === 0 &&
    content.lists.every((list) => list.entered.length === 0 && list.left.length === 0) &&
    content.campaigns.every((campaign) => campaign.submittedThisPeriod === 0 && campaign.late.length === 0) &&
    content.roadmaps.every(
      (roadmap) =>
        roadmap.doneThisPeriod.length === 0 && roadmap.dueThisWeek.length === 0 && roadmap.overdue.length === 0,
    )
  );
}
