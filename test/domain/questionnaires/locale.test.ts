import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ITEM_TYPE_NAME_KEYS } from '../../../src/domain/questionnaires/model.ts';
import { t } from '../../../src/i18n.ts';

const root = join(import.meta.dirname, '../../..');
const ftl = readFileSync(join(root, 'locales/ru/forms.ftl'), 'utf8');
const defined = new Set([...ftl.matchAll(/^(forms-[a-z0-9-]+)\s*=/gm)].map((m) => m[1]!));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('forms.ftl', () => {
  it('defines every key the questionnaire domain returns', () => {
    const used = new Set(
      sourceFiles(join(root, 'src/domain/questionnaires')).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/'(forms-[a-z0-9-]+)'/g)].map((m) => m[1]!),
      ),
    );
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !defined.has(key))).toEqual([]);
  });

  it('names every item type', () => {
    expect(Object.values(ITEM_TYPE_NAME_KEYS).map((key) => t(key))).toEqual([
      'да/нет',
      'целое число',
      'число',
      'процент',
      'текст',
      'дата',
      'один из вариантов',
      'несколько вариантов',
      'реквизиты документа',
      'файл или фото',
      'список',
    ]);
  });

  it('renders the reason for an invalid percent as the issue words it', () => {
    expect(t('forms-error-percent-range', { value: 150, min: 0, max: 100 })).toBe(
      '150 — вне допустимого: введите число от 0 до 100, например 12,5.',
    );
  });
});
