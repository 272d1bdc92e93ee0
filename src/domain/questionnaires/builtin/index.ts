/**
 * Registry of the built-in questionnaires (issue #5), every published version of each.
 * Definitions are validated on first use (the bot's start uses them); a broken one throws naming the item.
 * To change a built-in, add a new version (`…V2`) next to the old one and list both here:
 * answers given under v1 keep being read with v1.
 */
import { createCatalog, type QuestionnaireCatalog } from '../catalog.ts';
import { loadQuestionnaire, type Questionnaire, type QuestionnaireDefinition } from '../model.ts';
import { CONTEXT_DATA_ID, contextDataV1 } from './contextData.ts';
import { FAILURE_PREVENTION_ID, failurePreventionV1, failurePreventionV2 } from './failurePrevention.ts';
import { FINAL_MONITORING_ID, finalMonitoringV1 } from './finalMonitoring.ts';
import { SCHOOL_PASSPORT_ID, schoolPassportV1 } from './schoolPassport.ts';

export { CONTEXT_DATA_ID, FAILURE_PREVENTION_ID, FINAL_MONITORING_ID };

export const BUILTIN_QUESTIONNAIRE_IDS = [
  CONTEXT_DATA_ID,
  FINAL_MONITORING_ID,
  FAILURE_PREVENTION_ID,
  SCHOOL_PASSPORT_ID,
] as const;
export type BuiltinQuestionnaireId = (typeof BUILTIN_QUESTIONNAIRE_IDS)[number];

/** Raw definitions, all versions. */
export const BUILTIN_DEFINITIONS: readonly QuestionnaireDefinition[] = [
  contextDataV1,
  finalMonitoringV1,
  failurePreventionV1,
  failurePreventionV2,
  schoolPassportV1,
];

let validated: QuestionnaireCatalog | undefined;
const catalog = () => (validated ??= createCatalog(BUILTIN_DEFINITIONS.map(loadQuestionnaire)));
/**
 * Validated on first use rather than at load: a `kurator` command that reads no questionnaire
 * does not pay for it (issue 8: about 0.1 s of a CLI start). The bot touches it at start.
 */
export const builtinCatalog: QuestionnaireCatalog = {
  get: (id, version) => catalog().get(id, version),
  latest: (id) => catalog().latest(id),
  versions: (id) => catalog().versions(id),
  ids: () => catalog().ids(),
};

export function isBuiltinQuestionnaireId(id: string): id is BuiltinQuestionnaireId {
  return (BUILTIN_QUESTIONNAIRE_IDS as readonly string[]).includes(id);
}

/** A built-in by id: the given version, or the latest. */
export function getBuiltinQuestionnaire(id: BuiltinQuestionnaireId, version?: number): Questionnaire {
  const q = version === undefined ? builtinCatalog.latest(id) : builtinCatalog.get(id, version);
  if (!q) throw new Error(`Built-in questionnaire ${id}${version === undefined ? '' : ` v${version}`} does not exist`);
  return q;
}
