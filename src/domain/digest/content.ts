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

export interface DigestContent {
  scope: { name: string; kind: 'municipality' | 'region' };
  week: string;
  periodStart: string;
  periodEnd: string;
  imports: DigestImport[];
  lists: DigestListChange[];
  campaigns: DigestCampaign[];
  roadmaps: DigestRoadmap[];
  /** the seeds' identification month (August/September): the digest highlights the lists */
  identificationMonth: boolean;
  /** stored identification runs behind the «full report» button; empty → no button */
  reportRunIds: number[];
}

/** Nothing happened that a committee would read about: the digest is one «без изменений» line. */
export function digestIsQuiet(content: DigestContent): boolean {
  return (
    content.imports.length === 0 &&
    content.lists.every((list) => list.entered.length === 0 && list.left.length === 0) &&
    content.campaigns.every((campaign) => campaign.submittedThisPeriod === 0 && campaign.late.length === 0) &&
    content.roadmaps.every(
      (roadmap) =>
        roadmap.doneThisPeriod.length === 0 && roadmap.dueThisWeek.length === 0 && roadmap.overdue.length === 0,
    )
  );
}
