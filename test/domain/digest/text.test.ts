// The digest's text (src/text/digest.ts): quiet weeks, the identification month, one message.
import { describe, expect, it } from 'vitest';
import type { DigestContent } from '../../../src/domain/digest/content.ts';
import { t } from '../../../src/i18n.ts';
import { digestText } from '../../../src/text/digest.ts';

const base: DigestContent = {
  scope: { name: 'Дубенский район', kind: 'municipality' },
  week: '2026-W36',
  periodStart: '2026-08-24T06:00:00.000Z',
  periodEnd: '2026-08-31T06:00:00.000Z',
  imports: [],
  lists: [{ method: 'fioco', entered: [], left: [], flagged: 3 }],
  campaigns: [],
  roadmaps: [],
  identificationMonth: false,
  reportRunIds: [],
};

describe('digest text', () => {
  it('a quiet week is one «Без изменений» line under the title', () => {
    expect(digestText(t, base).split('\n')).toEqual([
      'Сводка за неделю · Дубенский район · 24.08.2026 — 31.08.2026',
      'Без изменений: за неделю загрузок, изменений в перечнях, анкет и мероприятий не было.',
    ]);
  });

  it('in the identification month the lists are highlighted with their counts', () => {
    const text = digestText(t, {
      ...base,
      identificationMonth: true,
      lists: [
        { method: 'fioco', entered: [{ code: 'sch710001', name: 'Дубенская СОШ № 1' }], left: [], flagged: 3 },
        { method: 'social', entered: [], left: [], flagged: 1 },
      ],
    });
    expect(text).toContain('Идентификация (август–сентябрь — месяц составления перечней):');
    expect(text).toContain('ШНОР (методика ФИОКО): сейчас 3 школы');
    expect(text).toContain('+ вошли 1: Дубенская СОШ № 1');
    expect(text).toContain('ШНСУ (неблагоприятные социальные условия): 1 школа, без изменений');
  });

  it('a very long digest stays one message under Telegram’s limit', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      id: i,
      number: `${i + 1}.`,
      title: 'Мероприятие с длинным названием, которое повторяется много раз',
      deadline: 'октябрь',
      responsible: 'Комитет',
    }));
    const text = digestText(t, {
      ...base,
      roadmaps: [{ title: 'Дорожная карта', done: 0, total: 400, doneThisPeriod: [], dueThisWeek: [], overdue: many }],
    });
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain('Сводка не поместилась в одно сообщение');
  });
});
