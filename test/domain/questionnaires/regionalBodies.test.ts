// Issue 11: built-in forms keep the seeds' text, say where they come from, and name the
// installation's own institute and methodical association instead of Smolensk's (СОИРО, РУМО).
import { describe, expect, it } from 'vitest';
import { allItems } from '../../../src/domain/questionnaires/model.ts';
import {
  BUILTIN_QUESTIONNAIRE_IDS,
  getBuiltinQuestionnaire,
} from '../../../src/domain/questionnaires/builtin/index.ts';
import { builtinOrigin, withRegionalBodies } from '../../../src/domain/questionnaires/regionalBodies.ts';

const textOf = (questionnaire: ReturnType<typeof getBuiltinQuestionnaire>, number: string) =>
  allItems(questionnaire).find((item) => item.number === number)!.text;

describe('built-in forms per installation', () => {
  const seed = getBuiltinQuestionnaire('final-monitoring');

  it('without settings the seed’s words stay (14.7 СОИРО, 14.13 РУМО)', () => {
    const same = withRegionalBodies(seed, {});
    expect(textOf(same, '14.7')).toBe(
      'Количество вебинаров СОИРО для ШНРО, в которых приняли участие сотрудники школы',
    );
    expect(textOf(same, '14.13')).toContain('экспертизу РУМО');
  });

  it('a Tula installation names its own bodies; the rest of the text is the seed’s', () => {
    const tula = withRegionalBodies(seed, {
      institute: 'ГОУ ДПО ТО «ИПК и ППРО ТО»',
      methodicalAssociation: 'РМО Тульской области',
    });
    expect(textOf(tula, '14.7')).toBe(
      'Количество вебинаров ГОУ ДПО ТО «ИПК и ППРО ТО» для ШНРО, в которых приняли участие сотрудники школы',
    );
    expect(textOf(tula, '14.13')).toContain('экспертизу РМО Тульской области и получило заключение');
    expect(JSON.stringify(tula)).not.toMatch(/СОИРО|РУМО/);
    // the built-in itself is untouched (other installations share the module)
    expect(textOf(seed, '14.7')).toContain('СОИРО');
  });

  it('every built-in says where it comes from', () => {
    for (const id of BUILTIN_QUESTIONNAIRE_IDS) expect(builtinOrigin(id), id).toMatch(/^по материалам /);
    expect(builtinOrigin('final-monitoring')).toContain('Ельнинского района Смоленской области');
  });
});
