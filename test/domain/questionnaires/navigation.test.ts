import { describe, expect, it } from 'vitest';
import { inputKind, parseAnswer, type AnswerValue, type Answers } from '../../../src/domain/questionnaires/answers.ts';
import {
  CONTEXT_DATA_ID,
  FINAL_MONITORING_ID,
  getBuiltinQuestionnaire,
} from '../../../src/domain/questionnaires/builtin/index.ts';
import { loadQuestionnaire } from '../../../src/domain/questionnaires/model.ts';
import {
  canSkip,
  checkSubmission,
  effectiveAnswers,
  firstUnanswered,
  itemTitle,
  missingRequired,
  nextItem,
  previousItem,
  progress,
  progressMessage,
  reviewBySection,
  visibleItems,
} from '../../../src/domain/questionnaires/navigation.ts';
import { t } from '../../../src/i18n.ts';

// A small form after seed 001 §6–7: 6.2 is asked only when 6.1 says a body exists.
const q = loadQuestionnaire({
  id: 'nav-test',
  version: 1,
  title: 'Навигация',
  sections: [
    {
      number: '6',
      title: 'ГОУ',
      items: [
        { number: '6.1', type: 'yesNo', text: 'Есть орган ГОУ' },
        { number: '6.2', type: 'text', text: 'Какие вопросы рассматривались', showIf: { item: '6.1', equals: true } },
        { number: '6.3', type: 'integer', text: 'Заседаний', required: false, showIf: { item: '6.1', equals: true } },
      ],
    },
    {
      number: '7',
      title: 'ВСОКО',
      items: [
        { number: '7.1', type: 'integer', text: 'Оценочных мероприятий' },
        { number: '7.2', type: 'text', text: 'Тематика', showIf: { item: '7.1', gt: 0 } },
        { number: '7.3', type: 'percent', text: 'Доля', required: false },
      ],
    },
  ],
});
const keys = (answers: Answers) => visibleItems(q, answers).map((item) => item.key);

describe('visibility (show-if)', () => {
  it('hides items whose condition is false or whose earlier answer is missing', () => {
    expect(keys({})).toEqual(['6.1', '7.1', '7.3']);
    expect(keys({ '6.1': true })).toEqual(['6.1', '6.2', '6.3', '7.1', '7.3']);
    expect(keys({ '6.1': false, '7.1': 0 })).toEqual(['6.1', '7.1', '7.3']);
    expect(keys({ '6.1': false, '7.1': 3 })).toEqual(['6.1', '7.1', '7.2', '7.3']);
    expect(keys({ '6.1': null })).toEqual(['6.1', '7.1', '7.3']);
  });

  it('ignores answers of hidden items in required checks, review and export', () => {
    const answers: Answers = { '6.1': false, '6.2': 'осталось от «да»', '7.1': 0 };
    expect(effectiveAnswers(q, answers)).toEqual({ '6.1': false, '7.1': 0 });
    expect(missingRequired(q, answers)).toEqual([]);
    expect(reviewBySection(q, answers).flatMap((s) => s.entries.map((e) => e.item.key))).toEqual(['6.1', '7.1', '7.3']);
  });
});

describe('next, previous, first unanswered', () => {
  it('moves over visible items only', () => {
    expect(nextItem(q, { '6.1': false }, '6.1')?.key).toBe('7.1');
    expect(nextItem(q, { '6.1': true }, '6.1')?.key).toBe('6.2');
    expect(previousItem(q, { '6.1': false }, '7.1')?.key).toBe('6.1');
    expect(previousItem(q, { '6.1': true, '6.2': 'x', '6.3': null }, '7.1')?.key).toBe('6.3');
    expect(previousItem(q, {}, '6.1')).toBeNull();
    expect(nextItem(q, { '6.1': false, '7.1': 0 }, '7.3')).toBeNull();
  });

  it('resumes on the first unanswered item; a skipped item counts as answered', () => {
    expect(firstUnanswered(q, {})?.key).toBe('6.1');
    expect(firstUnanswered(q, { '6.1': true })?.key).toBe('6.2');
    expect(firstUnanswered(q, { '6.1': true, '6.2': 'x', '6.3': null })?.key).toBe('7.1');
    expect(firstUnanswered(q, { '6.1': false, '7.1': 0, '7.3': null })).toBeNull();
  });

  it('offers «Пропустить» only for optional items and blocks submit on missing required ones', () => {
    const byKey = (key: string) => visibleItems(q, { '6.1': true }).find((i) => i.key === key)!;
    expect(canSkip(byKey('6.1'))).toBe(false);
    expect(canSkip(byKey('6.3'))).toBe(true);
    expect(missingRequired(q, { '6.1': true, '7.3': 5 }).map((i) => i.key)).toEqual(['6.2', '7.1']);
    expect(checkSubmission(q, { '6.1': true, '6.2': 'x', '7.1': 'пять' as unknown as AnswerValue })).toMatchObject({
      ready: false,
      missing: [],
      invalid: [{ item: { key: '7.1' }, reason: 'forms-error-integer-format' }],
    });
  });
});

describe('progress line', () => {
  it('counts visible sections and items', () => {
    const p = progress(q, { '6.1': true }, '7.1')!;
    expect([p.sectionIndex, p.sectionCount, p.itemIndex, p.itemCount]).toEqual([2, 2, 4, 5]);
    const message = progressMessage(p);
    expect(t(message.key, message.params)).toBe('Раздел 2 из 2 · вопрос 4 из 5');
    expect(progress(q, { '6.1': false }, '6.2')).toBeNull();
  });

  it('shows «Раздел … из 18» on the final monitoring and shrinks when answers hide items', () => {
    const fm = getBuiltinQuestionnaire(FINAL_MONITORING_ID);
    const first = progress(fm, {}, '1')!;
    expect([first.sectionIndex, first.sectionCount, first.itemIndex]).toEqual([1, 18, 1]);
    const all = progress(fm, { '8.1/present': true }, '8.1/present')!.itemCount;
    const fewer = progress(fm, { '8.1/present': false }, '8.1/present')!.itemCount;
    expect(all - fewer).toBe(1);
    const title = itemTitle(visibleItems(fm, {}).find((i) => i.key === '7.6/regional')!);
    expect(t(title.key, title.params)).toBe(
      '7.6. Количество образовательных продуктов школы, заявленных на экспертизу — на региональном уровне',
    );
  });
});

describe('«Контекстные данные ОУ» on a phone', () => {
  it('is completed with buttons and typed numbers only, with «Назад» and resume', () => {
    const form = getBuiltinQuestionnaire(CONTEXT_DATA_ID);
    const answers: Record<string, AnswerValue | null> = {};
    const typed = ['12,5', '0', '3 %', '1.5', '4', '7,2', '25%', '0', '18', '11', '6'];
    const shown: string[] = [];
    let current = firstUnanswered(form, answers);
    let wentBack = false;
    while (current) {
      const kind = inputKind(current);
      expect(['buttons', 'number']).toContain(kind);
      const p = progress(form, answers, current.key)!;
      shown.push(`${p.sectionIndex}/${p.sectionCount} ${p.itemIndex}/${p.itemCount}`);
      if (kind === 'buttons') {
        answers[current.key] = true; // the «Да» button
      } else {
        const result = parseAnswer(current, typed.shift()!);
        expect(result.ok).toBe(true);
        if (result.ok) answers[current.key] = result.value;
      }
      if (current.key === '2.2' && !wentBack) {
        // «Назад» from 2.2 lands on 2.1 and shows its answer; the director keeps it.
        wentBack = true;
        expect(previousItem(form, answers, '2.2')?.key).toBe('2.1');
      }
      if (current.key === '3.2') {
        // the chat is closed here; «Продолжить» resumes on the next unanswered item
        expect(firstUnanswered(form, answers)?.key).toBe('3.3');
      }
      current = nextItem(form, answers, current.key);
    }
    expect(shown[0]).toBe('1/4 1/18');
    expect(shown.at(-1)).toBe('4/4 18/18');
    expect(missingRequired(form, answers)).toEqual([]);
    expect(answers['2.1']).toBe(12.5);
    expect(answers['3.1']).toBe(3);
    expect(answers['3.2']).toBe(1.5);
    expect(answers['4.1']).toBe(25);
    expect(reviewBySection(form, answers).map((s) => [s.section.title, s.entries.length])).toEqual([
      ['Материально-техническая база учреждения', 7],
      ['Кадровые условия', 2],
      ['Контингент обучающихся', 4],
      ['Образовательные результаты обучающихся', 5],
    ]);
  });
});
