/**
 * A coordinator's questionnaire sent as .xlsx: the upload flow (features/upload.ts) recognises
 * the sheet by QUESTIONNAIRE_SPEC (header «№», «Вопрос», «Тип», optionally «Раздел»,
 * «Обязательный», «Варианты», «Условие», «Подсказка») and calls `replyToQuestionnaireUpload`.
 * The CLI prints the same text.
 */
import { actorOf } from '../services/index.ts';
import type { RegisteredContext } from './context.ts';
import { questionnaireImportText } from '../text/questionnaires.ts';

/** Imports the questionnaire and answers in the chat. */
export async function replyToQuestionnaireUpload(
  ctx: RegisteredContext,
  bytes: Uint8Array,
  fileName: string,
): Promise<void> {
  const result = await ctx.services.questionnaires.importQuestionnaire(actorOf(ctx.person), bytes, fileName);
  await ctx.reply(questionnaireImportText(ctx.t.bind(ctx), result));
}
