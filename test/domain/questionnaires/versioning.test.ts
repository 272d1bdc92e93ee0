import { describe, expect, it } from 'vitest';
import { formatAnswer, type AnswerSet } from '../../../src/domain/questionnaires/answers.ts';
import {
  FINAL_MONITORING_ID,
  finalMonitoringV1 as finalMonitoringV1Definition,
} from '../../../src/domain/questionnaires/builtin/finalMonitoring.ts';
import { carryOverAnswers, createCatalog, questionnaireFor } from '../../../src/domain/questionnaires/catalog.ts';
import {
  allItems,
  findItem,
  loadQuestionnaire,
  type ItemDefinition,
  type QuestionnaireDefinition,
} from '../../../src/domain/questionnaires/model.ts';
import { tabulateAnswers } from '../../../src/domain/questionnaires/export.ts';
import { t } from '../../../src/i18n.ts';

/** Version 2 of the final monitoring: 7.4 becomes free text, 7.3 is removed, 14.2 gets a cap. */
function version2(): QuestionnaireDefinition {
  const v2 = structuredClone(finalMonitoringV1Definition) as QuestionnaireDefinition;
  v2.version = 2;
  const vsoko = v2.sections.find((s) => s.number === '7')!;
  vsoko.items = vsoko.items
    .filter((item) => item.number !== '7.3')
    .map(
      (item): ItemDefinition =>
        item.number === '7.4' ? { number: '7.4', type: 'text', text: 'Посещенные уроки: количество и цели' } : item,
    );
  return v2;
}

const v1 = loadQuestionnaire(finalMonitoringV1Definition);
const v2 = loadQuestionnaire(version2());
const catalog = createCatalog([v1, v2]);

const givenUnderV1: AnswerSet = {
  questionnaireId: FINAL_MONITORING_ID,
  version: 1,
  answers: { '7.3': 'Математика, 5–9 классы, октябрь', '7.4': 42, '14.2': 80, '8.1/present': false },
};

describe('versions', () => {
  it('keeps every version and reads answers with the version they were given under', () => {
    expect(catalog.versions(FINAL_MONITORING_ID)).toEqual([1, 2]);
    expect(catalog.latest(FINAL_MONITORING_ID)?.version).toBe(2);
    const own = questionnaireFor(catalog, givenUnderV1)!;
    expect(own.version).toBe(1);
    expect(formatAnswer(findItem(own, '7.4')!, givenUnderV1.answers['7.4'], t)).toBe('42');
    expect(formatAnswer(findItem(own, '7.3')!, givenUnderV1.answers['7.3'], t)).toBe('Математика, 5–9 классы, октябрь');
    expect(findItem(v2, '7.3')).toBeUndefined();
  });

  it('refuses two definitions with the same id and version', () => {
    expect(() => createCatalog([v1, v1])).toThrow(/final-monitoring v1 is defined twice/);
  });

  it('exports rows of both versions under the newest headers, each read with its own definition', () => {
    const givenUnderV2: AnswerSet = {
      questionnaireId: FINAL_MONITORING_ID,
      version: 2,
      answers: { '7.4': 'около 40, по плану ВСОКО' },
    };
    const table = tabulateAnswers(
      v2,
      [
        { schoolCode: 'sch1', schoolName: 'СОШ № 1', answerSet: givenUnderV1 },
        { schoolCode: 'sch2', schoolName: 'СОШ № 2', answerSet: givenUnderV2 },
      ],
      { translate: t, catalog },
    );
    const column = table.columns.findIndex((c) => c.key === '7.4');
    expect(table.columns.some((c) => c.key === '7.3')).toBe(false);
    expect(table.rows.map((row) => row[column])).toEqual([42, 'около 40, по плану ВСОКО']);
  });

  it('carries a draft over to a new version, dropping answers that no longer fit', () => {
    const { answers, dropped } = carryOverAnswers(v1, v2, givenUnderV1.answers);
    expect(answers).toEqual({ '14.2': 80, '8.1/present': false });
    expect(dropped.sort()).toEqual(['7.3', '7.4']);
    expect(allItems(v2).length).toBe(allItems(v1).length - 1);
  });
});
