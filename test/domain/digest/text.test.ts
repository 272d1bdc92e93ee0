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
      'Без изменений: за неделю не было загрузок, изменений в перечнях, анкет, мероприятий дорожной карты и движения показателей.',
    ]);
  });

  it('in the identification month the new lists are highlighted: every school by name', () => {
    const dubna1 = { code: 'sch710001', name: 'Дубенская СОШ № 1' };
    const text = digestText(t, {
      ...base,
      identificationMonth: true,
      lists: [
        {
          method: 'fioco',
          entered: [dubna1],
          left: [],
          flagged: 3,
          schools: [dubna1, { code: 'sch710002', name: 'Дубенская ООШ' }, { code: 'sch710003', name: 'Дубенская НОШ' }],
        },
        {
          method: 'social',
          entered: [],
          left: [],
          flagged: 1,
          schools: [{ code: 'sch710004', name: 'Ивановская СОШ' }],
        },
      ],
    });
    expect(text).toContain('⭐ Перечни школ — время идентификации');
    expect(text).toContain(
      'ШНОР (методика ФИОКО): в перечне 3 школы\n  Дубенская СОШ № 1, Дубенская ООШ, Дубенская НОШ',
    );
    expect(text).toContain('+ вошли 1: Дубенская СОШ № 1');
    expect(text).toContain(
      'ШНСУ (неблагоприятные социальные условия): в перечне 1 школа\n  Ивановская СОШ\nбез изменений за неделю',
    );
    // Outside the month an unchanged list is not mentioned at all.
    expect(digestText(t, { ...base, lists: [{ method: 'fioco', entered: [], left: [], flagged: 3 }] })).not.toContain(
      'ФИОКО',
    );
  });

  it('indicators that moved since the previous digest, with the seed target met or not', () => {
    const text = digestText(t, {
      ...base,
      indicators: {
        year: '2025/2026',
        moved: [
          {
            id: '003-3.3.3.3',
            title: 'Доля обучающихся, получивших «2» по ВПР',
            unit: 'share',
            before: 0.125,
            after: 0.1,
            target: 'не более 5 %',
            onTarget: false,
          },
          { id: 'x', title: 'Количество ШНОР', unit: 'count', before: null, after: 2, target: null, onTarget: null },
        ],
      },
    });
    expect(text).not.toContain('Без изменений');
    expect(text).toContain('Показатели, которые изменились с прошлой сводки (2):');
    expect(text).toContain('• Доля обучающихся, получивших «2» по ВПР: 12,5 % → 10 % ✗');
    expect(text).toContain('• Количество ШНОР: нет данных → 2');
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
