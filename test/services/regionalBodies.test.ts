// Issue 11: an installation's REGION_INSTITUTE / REGION_METHODICAL_ASSOCIATION reach the built-in
// form a director fills (the questionnaire a campaign serves), through the service settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { allItems } from '../../src/domain/questionnaires/model.ts';
import { createServices, CLI_ACTOR } from '../../src/services/index.ts';
import { questionnaireByVersionId } from '../../src/services/questionnaires.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

describe('regional bodies in built-in forms', () => {
  it('the settings from the environment replace СОИРО and РУМО in the served form', async () => {
    const config = parseConfig(
      { REGION_INSTITUTE: 'ИПК и ППРО ТО', REGION_METHODICAL_ASSOCIATION: 'РМО Тульской области' },
      { requireBotToken: false },
    );
    expect(config.regionalBodies).toEqual({
      institute: 'ИПК и ППРО ТО',
      methodicalAssociation: 'РМО Тульской области',
    });
    const services = createServices({
      prisma: db.prisma,
      now: () => new Date('2026-11-25T09:00:00Z'),
      settings: {
        adminTelegramIds: [],
        inviteTtlDays: 7,
        regionName: 'Тульская область',
        regionalBodies: config.regionalBodies,
      },
    });
    const entry = (await services.questionnaires.list(CLI_ACTOR)).find((q) => q.key === 'final-monitoring')!;
    const served = await questionnaireByVersionId(services.deps, entry.versionId);
    const item = (number: string) => allItems(served).find((candidate) => candidate.number === number)!.text;
    expect(item('14.7')).toBe(
      'Количество вебинаров ИПК и ППРО ТО для ШНРО, в которых приняли участие сотрудники школы',
    );
    expect(item('14.13')).toContain('экспертизу РМО Тульской области');
  });
});
