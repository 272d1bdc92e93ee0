import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.ts';
import type { SchoolCard } from '../../src/services/status.ts';
import { CARD_LIMIT, cardText } from '../../src/text/status.ts';

describe('the school card text', () => {
  it('stays one Telegram message (≤ 4096 characters) however much a school has', () => {
    const long = 'Очень длинное название анкеты мониторинга '.repeat(5);
    const card: SchoolCard = {
      school: {
        code: 'sch710001',
        name: 'Воскресенская СОШ',
        fullName: 'МБОУ «Воскресенская СОШ»',
        municipality: 'Дубенский район',
        settlement: 'с. Воскресенское',
        type: 'СОШ',
      },
      year: '2023/2024',
      flags: [],
      trend: Array.from({ length: 60 }, (_, i) => ({
        procedure: `ВПР, Предмет ${i}, 5 класс`,
        latest: { year: '2023/2024', participants: 20, failed: 5, share: 0.25, mean: null },
        previous: { year: '2022/2023', participants: 20, failed: 4, share: 0.2, mean: null },
      })),
      chart: { years: [], series: [] },
      forms: Array.from({ length: 30 }, (_, i) => ({
        campaignId: i,
        title: long,
        deadline: '2024-01-25T20:59:59Z',
        status: 'not-started' as const,
        late: true,
      })),
      official: { on: [], latestYear: null },
      offTarget: [],
      roadmap: { imported: 0, roadmaps: [] },
      history: Array.from({ length: 200 }, (_, i) => ({
        event: i % 2 ? ('left' as const) : ('entered' as const),
        method: 'fioco' as const,
        year: '2023/2024',
        ranAt: '2024-08-20T09:00:00Z',
        runId: String(i),
        schoolCode: 'sch710001',
      })),
    };
    const text = cardText(t, card);
    expect(text.length).toBeLessThanOrEqual(CARD_LIMIT);
    expect(text.startsWith('🏫 Воскресенская СОШ (sch710001), Дубенский район')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });

  it('caps forms and history inside the card', () => {
    const card = {
      school: { code: 'sch1', name: 'Школа', fullName: 'Школа', municipality: 'Район', settlement: 'п.', type: 'СОШ' },
      year: null,
      flags: [],
      trend: [],
      chart: { years: [], series: [] },
      forms: Array.from({ length: 30 }, (_, i) => ({
        campaignId: i,
        title: `Анкета ${i}`,
        deadline: '2024-01-25T20:59:59Z',
        status: 'submitted' as const,
        late: false,
      })),
      official: { on: [], latestYear: null },
      offTarget: [],
      roadmap: { imported: 0, roadmaps: [] },
      history: [],
    } satisfies SchoolCard;
    const text = cardText(t, card);
    expect(text).toContain('… и ещё 25');
    expect(text.match(/✅/g)).toHaveLength(5);
  });
});
