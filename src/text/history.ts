/** The audit log of a school in words, for /history and `kurator history` alike (issue 10). */
import { formatAnswer, type AnswerValue } from '../domain/questionnaires/index.ts';
import { procedureLabel } from '../domain/results/procedures.ts';
import type { HistoryEntry, SchoolChangeHistory } from '../services/history.ts';
import { formatDateTime } from './format.ts';
import type { Translate } from '../domain/translate.ts';

function whoText(t: Translate, entry: HistoryEntry): string {
  if (entry.who) return entry.who;
  return t(entry.via === 'cli' ? 'history-via-cli' : 'history-via-system');
}

/** Long answers (a text, a table) stay readable in one line of the journal. */
function clipValue(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function historyEntryText(t: Translate, entry: HistoryEntry): string {
  const head = `${formatDateTime(entry.at)} · ${whoText(t, entry)}`;
  const change = entry.change;
  if (change.kind === 'result') {
    const values = (v: { participants: number; failed: number } | null) =>
      v ? t('upload-results-values', { failed: v.failed, participants: v.participants }) : '—';
    return `${head}: ${t('upload-results-replacement', {
      procedure: procedureLabel(change.procedure),
      year: change.year,
      before: values(change.before),
      after: values(change.after),
    })}`;
  }
  if (change.kind === 'answer') {
    const value = (v: AnswerValue | null) =>
      clipValue(change.item ? formatAnswer(change.item, v, t) : JSON.stringify(v));
    return `${head}: ${t('history-answer-changed', {
      campaign: change.campaign.title,
      number: change.item
        ? t('history-answer-item', { number: change.item.number, text: clipValue(change.item.text, 80) })
        : change.itemKey,
      before: value(change.before),
      after: value(change.after),
    })}`;
  }
  if (change.kind === 'form')
    return `${head}: ${t(change.action === 'submit' ? 'history-form-submitted' : 'history-form-reopened', {
      campaign: change.campaign.title,
      answers: change.answers ?? 0,
    })}`;
  if (change.action === 'create') return `${head}: ${t('history-school-created')}`;
  const fields = change.fields.map((f) => `${t('history-field', { field: f.field })}: «${f.before}» → «${f.after}»`);
  return `${head}: ${t('history-school-updated')}${fields.length ? ` — ${fields.join('; ')}` : ''}`;
}

export function historyLines(t: Translate, found: SchoolChangeHistory): string[] {
  const lines = [t('history-title', { code: found.school.code, school: found.school.name })];
  if (found.entries.length === 0) lines.push(t('history-empty'));
  for (const entry of found.entries) lines.push(historyEntryText(t, entry));
  if (found.truncated) lines.push(t('history-truncated', { count: found.entries.length }));
  return lines;
}
