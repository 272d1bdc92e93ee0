/** Roadmap progress as Russian text for /roadmap and the CLI (issue 13 §2). */
import type { RoadmapItemView, RoadmapView } from '../services/roadmaps.ts';
import type { Translate } from '../domain/translate.ts';

const line = (t: Translate, item: RoadmapItemView) =>
  t('roadmap-item-line', {
    id: item.id,
    number: item.number,
    title: item.title,
    deadline: item.deadlineText,
    responsible: item.responsible,
  });

export function roadmapLines(t: Translate, roadmaps: readonly RoadmapView[]): string[] {
  if (roadmaps.length === 0) return [t('roadmap-none')];
  const lines: string[] = [];
  for (const roadmap of roadmaps) {
    if (lines.length > 0) lines.push('');
    lines.push(
      t('roadmap-title', { title: roadmap.title, scope: roadmap.scope, done: roadmap.done, total: roadmap.total }),
    );
    for (const section of roadmap.sections)
      lines.push(
        t('roadmap-section', {
          name: section.name || t('roadmap-section-none'),
          done: section.done,
          total: section.total,
        }),
      );
    if (roadmap.dueSoon.length > 0)
      lines.push('', t('roadmap-due-title'), ...roadmap.dueSoon.map((item) => line(t, item)));
    if (roadmap.overdue.length > 0)
      lines.push('', t('roadmap-overdue-title'), ...roadmap.overdue.map((item) => line(t, item)));
  }
  lines.push('', t('roadmap-usage'));
  return lines;
}
