/**
 * The director's form as a conversation (issue #5): one question per message, each wait takes
 * one answer. All loads, saves and messages go through `conversation.external` (forms/step.ts)
 * and come back as a plain-JSON cursor, so a replay never repeats them.
 *
 * Loops are bounded twice. A conversation instance handles at most STEPS_PER_INSTANCE answers,
 * then hands the cursor over to a fresh instance in the same update (the conversations plugin
 * replays an instance's whole log on every update, so short instances keep every update cheap);
 * and the whole sitting has a step budget (a few steps per item), after which the director is
 * asked to continue with /forms. Where the director is lives in the database answers (the first
 * unanswered item), so /forms — also after a restart or a crash — lands there.
 */
import type { Context } from 'grammy';
import type { ConversationContext, RegisteredContext, RegisteredConversation } from '../context.ts';
import type { Cursor } from '../forms/cursor.ts';
import { formStepData } from '../../callbackData.ts';
import { formStep, openForm, type FormInput, type Screen } from '../forms/step.ts';

export const FORM_CONVERSATION = 'form';
const STEPS_PER_INSTANCE = 8;

/** A cursor carried over to the next conversation instance. */
export interface FormHandover {
  campaignId: number;
  cursor: Cursor;
  budget: number;
}

/** Set by an instance that ran out of steps; the forms feature enters the next one. */
export const formHandovers = new WeakMap<object, FormHandover>();

/** What the form takes: its own buttons, typed text (not commands), files and photos. */
function isFormInput(ctx: Context, campaignId: number): boolean {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return formStepData.unpack(data)?.campaign === campaignId;
  const message = ctx.message;
  if (!message) return false;
  if (message.text !== undefined) return !message.text.startsWith('/');
  // stickers, voice, locations… are taken too, so the question is shown again instead of «Не понял» (issue 10)
  return true;
}

function readInput(ctx: Context): FormInput {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return { kind: 'callback', data };
  const message = ctx.message!;
  if (message.document) {
    return {
      kind: 'file',
      file: {
        fileId: message.document.file_id,
        kind: 'document',
        name: message.document.file_name ?? null,
        mimeType: message.document.mime_type ?? null,
      },
    };
  }
  if (message.photo) return { kind: 'file', file: { fileId: message.photo.at(-1)!.file_id, kind: 'photo' } };
  if (message.text === undefined) return { kind: 'other' };
  return { kind: 'text', text: message.text, date: message.date };
}

export async function formConversation(
  conversation: RegisteredConversation,
  ctx: ConversationContext,
  campaignId: number,
  handover?: FormHandover,
) {
  let screen: Screen = handover
    ? { cursor: handover.cursor, finished: false, budget: handover.budget }
    : await conversation.external((outside: RegisteredContext) => openForm(outside, campaignId));
  for (let step = 0; step < STEPS_PER_INSTANCE && !screen.finished; step++) {
    if (screen.budget <= 0) {
      await ctx.reply(ctx.t('forms-step-limit'));
      return;
    }
    const reply = await conversation.waitUntil((update) => isFormInput(update, campaignId), { next: true });
    const input = readInput(reply);
    const current = screen;
    screen = await conversation.external((outside: RegisteredContext) =>
      formStep(outside, campaignId, current.cursor, input, current.budget),
    );
  }
  if (screen.finished) return;
  const next: FormHandover = { campaignId, cursor: screen.cursor, budget: screen.budget };
  await conversation.external((outside: RegisteredContext) => {
    formHandovers.set(outside, next);
  });
  await conversation.halt({ next: true });
}
