import { describe, expect, it } from 'vitest';
import {
  CONTEXT_DATA_ID,
  FINAL_MONITORING_ID,
  getBuiltinQuestionnaire,
} from '../../../src/domain/questionnaires/builtin/index.ts';
import { tabulateAnswers } from '../../../src/domain/questionnaires/export.ts';
import { t } from '../../../src/i18n.ts';

describe('tabulateAnswers', () => {
  it('gives one row per school and one column per item, headed with the source numbering', () => {
    const q = getBuiltinQuestionnaire(CONTEXT_DATA_ID);
    const table = tabulateAnswers(
      q,
      [
        {
          schoolCode: 'sch100',
          schoolName: 'СОШ № 1',
          answerSet: {
            questionnaireId: q.id,
            version: 1,
            answers: { '1.1': true, '1.3/chemistry': false, '2.1': 12.5 },
          },
        },
        { schoolCode: 'sch200', schoolName: 'СОШ № 2', answerSet: { questionnaireId: q.id, version: 1, answers: {} } },
      ],
      { translate: t },
    );
    expect(table.columns).toHaveLength(2 + 18);
    expect(table.columns.slice(0, 3).map((c) => c.header)).toEqual([
      'Код ОО',
      'Школа',
      '1.1 Устойчивый доступ в Интернет',
    ]);
    expect(table.columns.find((c) => c.key === '1.3/chemistry')?.header).toBe(
      '1.3 Оснащенность учебных кабинетов лабораторным оборудованием — химия',
    );
    const cell = (row: number, key: string) => table.rows[row]![table.columns.findIndex((c) => c.key === key)];
    expect(cell(0, 'school-code')).toBe('sch100');
    expect(cell(0, '1.1')).toBe('да');
    expect(cell(0, '1.3/chemistry')).toBe('нет');
    expect(cell(0, '2.1')).toBe(12.5);
    expect(cell(0, '2.2')).toBeNull();
    expect(table.rows[1]!.slice(2).every((value) => value === null)).toBe(true);
  });

  it('leaves hidden items empty and formats documents and lists as text', () => {
    const q = getBuiltinQuestionnaire(FINAL_MONITORING_ID);
    const table = tabulateAnswers(
      q,
      [
        {
          schoolCode: 'sch1',
          schoolName: 'СОШ',
          answerSet: {
            questionnaireId: q.id,
            version: 1,
            answers: {
              '1': { number: '5', date: '2020-09-01', title: 'Соглашение с МОЦ' },
              '8.1/present': false,
              '8.1/details': 'ответ, данный до того, как директор выбрал «нет»',
              '15.5': [{ name: 'ВсОШ', level: 'municipal', participants: 14, winners: 2 }],
            },
          },
        },
      ],
      { translate: t },
    );
    const cell = (key: string) => table.rows[0]![table.columns.findIndex((c) => c.key === key)];
    expect(cell('1')).toBe('Соглашение с МОЦ, № 5 от 01.09.2020');
    expect(cell('8.1/present')).toBe('нет');
    expect(cell('8.1/details')).toBeNull();
    expect(cell('15.5')).toBe(
      '1) Олимпиада, конкурс, соревнование: ВсОШ; Уровень: муниципальный; Участников: 14 чел.; Победителей и призеров: 2 чел.',
    );
  });
});
