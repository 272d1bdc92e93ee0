/**
 * The preview of a results file that replaces stored values (src/text/results.ts): five changes
 * are listed, and the rest is pointed to where it really is — the annotated copy the bot sends
 * with the preview, or the CLI's `--json` output (the CLI writes no copy).
 */
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.ts';
import type { ReplacementView, ResultsOutcome } from '../../src/services/results.ts';
import { resultsPreviewText } from '../../src/text/results.ts';

const change = (row: number): ReplacementView => ({
  row,
  schoolCode: 'sch100001',
  school: 'СОШ № 1',
  procedure: 'ВПР, Математика, 5 класс',
  year: '2024/2025',
  before: { participants: 25, failed: 3, meanScore: 3.7 },
  after: { participants: 26, failed: 2, meanScore: 3.9 },
});

const outcome = (replaced: number): Extract<ResultsOutcome, { ok: true }> => ({
  ok: true,
  issues: [],
  sheetName: 'Результаты',
  stats: { dataRows: replaced, validRows: replaced, errors: 0, warnings: 0 },
  importId: null,
  summary: {
    rows: replaced,
    schools: 1,
    years: ['2024/2025'],
    procedures: 1,
    newRows: 0,
    replacedRows: replaced,
    unchangedRows: 0,
    municipalityIds: [1],
    replacements: Array.from({ length: replaced }, (_, index) => change(index + 2)),
    skippedOutsideRows: 0,
    columns: {},
  },
});

describe('results preview with replaced rows', () => {
  it('lists five changes and points to the copy in the chat, to --json on the command line', () => {
    const chat = resultsPreviewText(t, 'f.xlsx', outcome(12));
    expect(chat.match(/sch100001 СОШ № 1 — /g)).toHaveLength(5);
    expect(chat).toContain('…и ещё 7 — все отмечены в копии файла.');
    const cli = resultsPreviewText(t, 'f.xlsx', outcome(12), { restIn: 'json' });
    expect(cli).toContain('…и ещё 7 — весь список: та же команда с --json');
    expect(cli).not.toContain('копии файла');
  });

  it('says nothing of the rest when every change is listed', () => {
    const text = resultsPreviewText(t, 'f.xlsx', outcome(5), { restIn: 'json' });
    expect(text.match(/sch100001 СОШ № 1 — /g)).toHaveLength(5);
    expect(text).not.toContain('…и ещё');
  });
});
