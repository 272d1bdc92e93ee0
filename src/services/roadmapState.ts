/**
 * The roadmap as the school card, the overview and the reports show it (issue #12 with #13's
 * roadmaps): the roadmaps covering a scope (roadmaps.ts `roadmapProgress`), cut to the items of
 * the scope's schools — for one school only the items addressed to it; for a municipality or the
 * region also the committee's own items — with the counts recomputed after the cut. Plain data.
 */
import type { AcademicYear } from '../domain/results/types.ts';
import type { ServiceDeps } from './deps.ts';
import { type ReportScope, yearBounds } from './indicators.ts';
import { type RoadmapItemView, type RoadmapView, roadmapProgress, sectionProgress } from './roadmaps.ts';

export type { RoadmapItemView, RoadmapView };

export interface ScopeRoadmaps {
  /** roadmaps imported for the scope's territory (before the cut): 0 → none was ever loaded */
  imported: number;
  /** those with items for the scope, counted over those items */
  roadmaps: RoadmapView[];
}

function cut(roadmap: RoadmapView, keep: (item: RoadmapItemView) => boolean): RoadmapView {
  const items = roadmap.items.filter(keep);
  return {
    ...roadmap,
    total: items.length,
    done: items.filter((item) => item.status === 'done').length,
    sections: sectionProgress(items),
    dueSoon: roadmap.dueSoon.filter(keep),
    overdue: roadmap.overdue.filter(keep),
    items,
  };
}

/**
 * The scope's roadmaps now; with `year`, only those imported in that academic year (a report of a
 * past year does not show this year's plan — the convention of campaigns «launched in the year»).
 */
export async function scopeRoadmaps(
  deps: ServiceDeps,
  scope: ReportScope,
  options: { year?: AcademicYear } = {},
): Promise<ScopeRoadmaps> {
  const municipalityId = scope.kind === 'region' ? null : (scope.municipalityIds[0] ?? null);
  let roadmaps = await roadmapProgress(deps, { regionId: scope.regionId, municipalityId, name: scope.name });
  if (options.year) {
    const { from, to } = yearBounds(options.year);
    const inYear = await deps.prisma.roadmap.findMany({
      where: { id: { in: roadmaps.map((roadmap) => roadmap.id) }, importedAt: { gte: from, lt: to } },
      select: { id: true },
    });
    const ids = new Set(inYear.map((roadmap) => roadmap.id));
    roadmaps = roadmaps.filter((roadmap) => ids.has(roadmap.id));
  }
  const schools = new Set(scope.schools.map((school) => school.id));
  const keep =
    scope.kind === 'school'
      ? (item: RoadmapItemView) => item.schoolId !== null && schools.has(item.schoolId)
      : (item: RoadmapItemView) => item.schoolId === null || schools.has(item.schoolId);
  return {
    imported: roadmaps.length,
    roadmaps: roadmaps.map((roadmap) => cut(roadmap, keep)).filter((roadmap) => roadmap.total > 0),
  };
}
