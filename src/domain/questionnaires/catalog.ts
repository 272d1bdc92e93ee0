/**
 * Versions of questionnaires (issue #5, «Versioned»). Every definition carries `id` + `version`;
 * answers carry the version they were given under and are always read with that version, so a
 * changed questionnaire never reinterprets earlier answers. Built-ins keep every published
 * version in code; coordinators' questionnaires keep theirs in the database (same JSON shape).
 */
import { validateValue, type AnswerSet, type AnswerValue, type Answers } from './answers.ts';
import { allItems, type Questionnaire } from './model.ts';

export interface QuestionnaireCatalog {
  /** The exact version, or undefined. */
  get(id: string, version: number): Questionnaire | undefined;
  /** The highest version. */
  latest(id: string): Questionnaire | undefined;
  /** Known versions, ascending. */
  versions(id: string): number[];
  ids(): string[];
}

export function createCatalog(questionnaires: readonly Questionnaire[]): QuestionnaireCatalog {
  const byId = new Map<string, Map<number, Questionnaire>>();
  for (const q of questionnaires) {
    const versions = byId.get(q.id) ?? new Map<number, Questionnaire>();
    if (versions.has(q.version)) throw new Error(`Questionnaire ${q.id} v${q.version} is defined twice`);
    versions.set(q.version, q);
    byId.set(q.id, versions);
  }
  const versions = (id: string) => [...(byId.get(id)?.keys() ?? [])].sort((a, b) => a - b);
  return {
    get: (id, version) => byId.get(id)?.get(version),
    latest: (id) => {
      const last = versions(id).at(-1);
      return last === undefined ? undefined : byId.get(id)?.get(last);
    },
    versions,
    ids: () => [...byId.keys()],
  };
}

/** The definition an answer set was given under (undefined if that version is unknown). */
export function questionnaireFor(catalog: QuestionnaireCatalog, answerSet: AnswerSet): Questionnaire | undefined {
  return catalog.get(answerSet.questionnaireId, answerSet.version);
}

/**
 * Moves a draft to another version: keeps answers whose item key still exists and whose value
 * fits the new definition; lists the dropped keys (removed items, changed types or options).
 * Submitted answers are not migrated: they stay with their version.
 */
export function carryOverAnswers(
  from: Questionnaire,
  to: Questionnaire,
  answers: Answers,
): { answers: Record<string, AnswerValue | null>; dropped: string[] } {
  const fromKeys = new Set(allItems(from).map((item) => item.key));
  const toItems = new Map(allItems(to).map((item) => [item.key, item]));
  const kept: Record<string, AnswerValue | null> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const target = toItems.get(key);
    if (!fromKeys.has(key) || !target) {
      dropped.push(key);
      continue;
    }
    if (value === null) {
      // A skip stays a skip only where skipping is still allowed.
      if (target.required) dropped.push(key);
      else kept[key] = null;
      continue;
    }
    const checked = validateValue(target, value);
    if (checked.ok) kept[key] = checked.value;
    else dropped.push(key);
  }
  return { answers: kept, dropped };
}
