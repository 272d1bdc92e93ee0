import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.ts';

const root = join(import.meta.dirname, '../..');
const ftl = readdirSync(join(root, 'locales/ru'))
  .map((file) => readFileSync(join(root, 'locales/ru', file), 'utf8'))
  .join('\n');
const defined = new Set([...ftl.matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)].map((m) => m[1]!));

const FILES = [
  'src/bot/forms/render.ts',
  'src/bot/forms/step.ts',
  'src/bot/conversations/form.ts',
  'src/bot/conversations/campaigns.ts',
  'src/bot/features/forms.ts',
  'src/bot/features/campaigns.ts',
  'src/bot/keyboards/forms.ts',
  'src/bot/questionnaireUpload.ts',
  'src/services/forms.ts',
  'src/services/campaigns.ts',
  'src/services/questionnaires.ts',
  'src/scheduler/reminders.ts',
  'src/domain/campaigns/schedule.ts',
  'src/files/xlsx/write/answersExport.ts',
  'src/files/xlsx/write/questionnaireTemplate.ts',
];

describe('texts of forms and campaigns', () => {
  const used = new Set(
    FILES.flatMap((file) =>
      [
        ...readFileSync(join(root, file), 'utf8').matchAll(
          /'((?:forms|campaigns|questionnaire|cmd)-[a-z0-9-]*[a-z0-9])'/g,
        ),
      ].map((m) => m[1]!),
    ),
  );
  /** The variables a message mentions (its own and those of messages it references), each set to 1. */
  const paramsOf = (key: string, seen = new Set<string>()): Record<string, number> => {
    if (seen.has(key)) return {};
    seen.add(key);
    const body = new RegExp(`^${key}\\s*=([\\s\\S]*?)(?=^[a-z#]|(?![\\s\\S]))`, 'm').exec(ftl)?.[1] ?? '';
    const params: Record<string, number> = {};
    for (const m of body.matchAll(/\$([a-zA-Z]+)/g)) params[m[1]!] = 1;
    for (const m of body.matchAll(/\{\s*([a-z][a-z0-9-]*)\s*\}/g)) Object.assign(params, paramsOf(m[1]!, seen));
    return params;
  };

  it('every key the code uses is in locales/ru', () => {
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((key) => !defined.has(key))).toEqual([]);
  });

  it('every key renders without a Fluent error (no unresolved {…} left)', () => {
    for (const key of used) expect(t(key, paramsOf(key)), key).not.toMatch(/\{\s*\$?[a-z-]+\s*\}/);
  });

  it('menus name the new commands', () => {
    expect([t('cmd-forms'), t('cmd-pause'), t('cmd-campaigns'), t('cmd-launch')]).toEqual([
      'Анкеты моей школы',
      'Приостановить заполнение анкеты',
      'Мониторинги: выполнение, выгрузка',
      'Запустить мониторинг (анкету)',
    ]);
    expect(t('help-director')).toContain('/forms');
    expect(t('help-coordinator')).toContain('/launch');
  });
});
