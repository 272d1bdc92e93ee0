/**
 * One step of the director's form: load the form, apply what the director did (a button, a
 * typed answer, a file), save it, and show the next question or the review. The form
 * conversation (conversations/form.ts) runs each step inside `conversation.external`, so a
 * step is executed once and the conversation only keeps the returned cursor (plain JSON).
 *
 * Answers go to the database as they are given; the cursor is only what is on screen. Before
 * a typed or pressed answer is saved, the item's stored value must still be the one that was
 * shown: if a colleague (or an update lost in a crash) changed it meanwhile, the director sees
 * the new value and decides again, instead of overwriting it blindly.
 */
import { builtinOrigin } from '../../domain/questionnaires/regionalBodies.ts';
import {
  allItems,
  canSkip,
  findItem,
  formatAnswer,
  inputKind,
  isAnswered,
  isVisible,
  parseAnswer,
  previousItem,
  questionCount,
  validateValue,
  type AnswerValue,
  type FileValue,
  type GroupRow,
  type Item,
  type Questionnaire,
} from '../../domain/questionnaires/index.ts';
import { actorOf, UserError } from '../../services/index.ts';
import type { FormSnapshot } from '../../services/forms.ts';
import { InputFile } from 'grammy';
import { writeSubmittedForm } from '../../documents/submittedForm.ts';
import type { RegisteredContext } from '../context.ts';
import { formStepData } from '../../callbackData.ts';
import { formatDate, replyLines } from '../format.ts';
import {
  cursorAfter,
  fingerprint,
  groupRows,
  openingCursor,
  questionCursor,
  reviewCursor,
  isSplitTail,
  SPLIT_PART_MIN_LENGTH,
  type Cursor,
} from './cursor.ts';
import {
  clip,
  currentQuestion,
  renderAllAnswers,
  renderQuestion,
  renderReviewOverview,
  renderReviewSection,
  savedLine,
  type Rendered,
} from './render.ts';

export type FormInput =
  | { kind: 'callback'; data: string }
  /** `date`: the message's date (seconds), to notice the parts of a split paste */
  | { kind: 'text'; text: string; date?: number }
  | { kind: 'file'; file: FileValue }
  /** a sticker, voice, location…: not an answer; the question is shown again (issue 10) */
  | { kind: 'other' };

/** What a step hands back to the conversation. */
export interface Screen {
  cursor: Cursor;
  /** submitted, closed, or nothing to do: the conversation ends */
  finished: boolean;
  /** steps left before the conversation gives up (see stepBudget) */
  budget: number;
}

/**
 * How many steps a form may take in one sitting: a few per item, rows × fields for repeated
 * groups, ticks for multiple choices. The conversation never loops past it.
 */
function stepBudget(questionnaire: Questionnaire): number {
  let steps = 40;
  for (const item of allItems(questionnaire)) {
    if (item.type === 'group') steps += Math.min(item.validation?.max ?? 20, 20) * (item.fields.length + 3) + 6;
    else if (item.type === 'multipleChoice') steps += item.options.length + 6;
    else steps += 6;
  }
  return steps;
}

const WARNING = '⚠️';

class Step {
  readonly t: RegisteredContext['t'];
  readonly answers: Record<string, AnswerValue | null>;
  private acknowledged = false;

  constructor(
    readonly ctx: RegisteredContext,
    readonly campaignId: number,
    readonly form: FormSnapshot,
    readonly questionnaire: Questionnaire,
  ) {
    this.t = ctx.t.bind(ctx);
    this.answers = { ...form.answers };
  }

  get actor() {
    return actorOf(this.ctx.person);
  }

  /** Answers the button press once (Telegram shows a spinner until then), with a toast if given. */
  async ack(key?: string, params?: Record<string, string | number>): Promise<void> {
    if (this.acknowledged || !this.ctx.callbackQuery) return;
    this.acknowledged = true;
    await this.ctx.answerCallbackQuery(key ? { text: this.t(key, params) } : undefined).catch(() => undefined);
  }

  async dropKeyboard(messageId: number | null): Promise<void> {
    if (messageId === null) return;
    await this.ctx.api.editMessageReplyMarkup(this.ctx.chat!.id, messageId).catch(() => undefined);
  }

  private async send(rendered: Rendered): Promise<number> {
    const message = await this.ctx.api.sendMessage(
      this.ctx.chat!.id,
      rendered.text,
      rendered.keyboard ? { reply_markup: rendered.keyboard } : {},
    );
    (await this.ctx.session).formMessage = rendered.keyboard ? message.message_id : undefined;
    return message.message_id;
  }

  /** Shows the cursor's screen as a new message; the previous one loses its buttons. */
  async show(cursor: Cursor, notices: string[] = [], previous: number | null = null): Promise<Cursor> {
    if (cursor.mode === 'review') {
      const [messageId] = await Promise.all([
        this.send(
          renderReviewOverview(this.t, this.questionnaire, this.campaignId, this.form.title, this.answers, notices),
        ),
        this.dropKeyboard(previous),
        this.ack(),
      ]);
      return { ...cursor, messageId };
    }
    const item = findItem(this.questionnaire, cursor.at!)!;
    let next: Cursor = { ...cursor };
    if (item.type === 'group' && !next.group)
      next.group = { rows: groupRows(this.answers[item.key]), row: null, field: 0 };
    let suggestion = null;
    if (item.type === 'percent' && item.prefill && !isAnswered(this.answers, item.key)) {
      const suggestions = await this.ctx.services.forms.prefill(this.actor, this.campaignId);
      const found = suggestions.find((s) => s.key === item.key);
      if (found) {
        suggestion = { value: found.value, year: found.year, participants: found.participants, failed: found.failed };
        next.suggested = found.value;
      }
    }
    const rendered = renderQuestion(
      {
        t: this.t,
        questionnaire: this.questionnaire,
        campaignId: this.campaignId,
        answers: this.answers,
        cursor: next,
        notices,
        suggestion,
      },
      item,
    );
    const [messageId] = await Promise.all([this.send(rendered), this.dropKeyboard(previous), this.ack()]);
    next = { ...next, messageId };
    return next;
  }

  finished(cursor: Cursor, budget: number): Screen {
    return { cursor, finished: true, budget };
  }
}

async function loadStep(ctx: RegisteredContext, campaignId: number): Promise<Step | null> {
  try {
    const { form, questionnaire } = await ctx.services.forms.load(actorOf(ctx.person), campaignId);
    if (!form.open) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      await ctx.reply(ctx.t('forms-closed', { title: form.title }));
      return null;
    }
    if (form.submitted) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      await ctx.reply(ctx.t('forms-already-submitted', { title: form.title }));
      return null;
    }
    return new Step(ctx, campaignId, form, questionnaire);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.reply(ctx.t(error.key, error.params));
    return null;
  }
}

/** Opens a form: the first unanswered item (or the review), with a line about the form. */
export async function openForm(ctx: RegisteredContext, campaignId: number): Promise<Screen> {
  const step = await loadStep(ctx, campaignId);
  const empty = reviewCursor();
  if (!step) return { cursor: empty, finished: true, budget: 0 };
  const budget = stepBudget(step.questionnaire);
  const cursor = openingCursor(step.questionnaire, step.answers);
  const answeredAny = Object.keys(step.answers).length > 0;
  const count = questionCount(step.questionnaire, step.answers);
  const intro =
    answeredAny && cursor.mode === 'question'
      ? step.t('forms-resume-intro', {
          title: step.form.title,
          deadline: formatDate(step.form.deadline),
          number: cursor.at!.split('/')[0]!,
        })
      : step.t('forms-intro', {
          title: step.form.title,
          deadline: formatDate(step.form.deadline),
          items: count.total,
          conditional: count.conditional,
        });
  // a built-in form says where it comes from (issue 11)
  const origin = answeredAny ? undefined : builtinOrigin(step.questionnaire.id);
  const lines = origin ? [intro, step.t('forms-origin', { origin })] : [intro];
  return { cursor: await step.show(cursor, lines), finished: false, budget };
}

/** Shows a submitted form's answers (read-only), for /forms. */
export async function showSubmittedForm(ctx: RegisteredContext, campaignId: number): Promise<void> {
  const { form, questionnaire } = await ctx.services.forms.load(actorOf(ctx.person), campaignId);
  const header = ctx.t('forms-submitted-view', {
    title: form.title,
    date: form.submittedAt ? formatDate(form.submittedAt) : '—',
  });
  await replyLines(ctx, [header, ...renderAllAnswers(ctx.t.bind(ctx), questionnaire, form.answers)]);
  // A copy to keep or print (issue 10).
  const school = ctx.person.where.school?.name ?? '';
  const bytes = await writeSubmittedForm({
    title: form.title,
    school,
    submittedAt: form.submittedAt ? formatDate(form.submittedAt) : null,
    questionnaire,
    answers: form.answers,
  });
  await ctx.replyWithDocument(new InputFile(bytes, `${form.title} — ${school}.xlsx`.replace(/[\\/:*?"<>|]/g, ' ')), {
    caption: ctx.t('forms-copy-caption'),
  });
}

/** Applies one input to the form and shows what comes next. */
export async function formStep(
  ctx: RegisteredContext,
  campaignId: number,
  cursor: Cursor,
  input: FormInput,
  budget: number,
): Promise<Screen> {
  const step = await loadStep(ctx, campaignId);
  if (!step) return { cursor, finished: true, budget };
  if (input.kind === 'text' && isSplitTail(cursor, input.date)) return onSplitTail(step, cursor, input, budget);
  const { longText: _, ...from } = cursor;
  const review = input.kind === 'callback' ? parseReviewData(input.data) : null;
  const screen =
    from.mode === 'review' || review
      ? await onReview(step, from, input, review, budget)
      : await onQuestion(step, from, input, budget);
  if (input.kind === 'text' && input.date !== undefined && input.text.length >= SPLIT_PART_MIN_LENGTH) {
    const moved = screen.cursor.at !== from.at || screen.cursor.mode !== from.mode;
    return { ...screen, cursor: { ...screen.cursor, longText: { date: input.date, item: from.at, moved } } };
  }
  return screen;
}

/**
 * The continuation of a long paste Telegram split: not saved as anything. The question is asked
 * again; when the first part was accepted (a question allowing long texts), the director is told
 * which answer may be cut short.
 */
async function onSplitTail(
  step: Step,
  cursor: Cursor,
  input: Extract<FormInput, { kind: 'text' }>,
  budget: number,
): Promise<Screen> {
  const marker = cursor.longText!;
  const first = marker.moved && marker.item ? findItem(step.questionnaire, marker.item) : undefined;
  const notice = first
    ? step.t('forms-split-paste-first-saved', { number: first.number })
    : step.t('forms-split-paste');
  const { longText: _, ...current } = cursor;
  const shown = await step.show(current, [`${WARNING} ${notice}`], cursor.messageId);
  // a third part of the same paste is a continuation too
  return {
    cursor: { ...shown, longText: { ...marker, date: input.date ?? marker.date } },
    finished: false,
    budget: budget - 1,
  };
}

// ─────────────── Callback data ───────────────

function parseReviewData(data: string): string | null {
  const values = formStepData.unpack(data);
  return values?.at === 'review' ? values.action : null;
}

function parseItemData(data: string): { index: number; action: string } | null {
  const values = formStepData.unpack(data);
  return values && values.at !== 'review' ? { index: values.at, action: values.action } : null;
}

// ─────────────── The review ───────────────

async function onReview(
  step: Step,
  cursor: Cursor,
  input: FormInput,
  action: string | null,
  budget: number,
): Promise<Screen> {
  const { t, questionnaire, answers, campaignId } = step;
  const left = budget - 1;
  if (input.kind !== 'callback') {
    await step.ctx.reply(t('forms-review-use-buttons'));
    return { cursor, finished: false, budget: left };
  }
  if (!action) {
    // A button of an older question pressed while the review is open: go to that question.
    const parsed = parseItemData(input.data);
    const item = parsed ? allItems(questionnaire)[parsed.index] : undefined;
    if (!item || !step.ctx.callbackQuery?.message) {
      await step.ack('forms-stale-button');
      return { cursor, finished: false, budget: left };
    }
    await step.ack('forms-stale-button');
    return {
      cursor: await step.show(questionCursor(answers, item.key, { fromReview: true }), [], cursor.messageId),
      finished: false,
      budget: left,
    };
  }
  const pressed = step.ctx.callbackQuery?.message?.message_id ?? cursor.messageId;
  const edit = async (rendered: Rendered | null) => {
    if (!rendered) return step.ack('forms-stale-button');
    await Promise.all([
      step.ack(),
      pressed === null || pressed === undefined
        ? Promise.resolve()
        : step.ctx.api
            .editMessageText(
              step.ctx.chat!.id,
              pressed,
              rendered.text,
              rendered.keyboard ? { reply_markup: rendered.keyboard } : {},
            )
            .catch(() => undefined),
    ]);
  };
  if (action === 'o') {
    await edit(renderReviewOverview(t, questionnaire, campaignId, step.form.title, answers));
    return { cursor: { ...reviewCursor(), messageId: pressed ?? null }, finished: false, budget: left };
  }
  if (/^s\d+$/.test(action)) {
    await edit(renderReviewSection(t, questionnaire, campaignId, answers, Number(action.slice(1))));
    return { cursor: { ...reviewCursor(), messageId: pressed ?? null }, finished: false, budget: left };
  }
  if (/^e\d+$/.test(action)) {
    const item = allItems(questionnaire)[Number(action.slice(1))];
    if (!item || !isVisible(questionnaire, answers, item.key)) {
      await step.ack('forms-stale-button');
      return { cursor, finished: false, budget: left };
    }
    return {
      cursor: await step.show(questionCursor(answers, item.key, { fromReview: true }), [], pressed ?? null),
      finished: false,
      budget: left,
    };
  }
  if (action === 'm') {
    return {
      cursor: await step.show(openingCursor(questionnaire, answers), [], pressed ?? null),
      finished: false,
      budget: left,
    };
  }
  if (action === 'send') {
    const result = await step.ctx.services.forms.submit(step.actor, campaignId).catch((error: unknown) => {
      if (error instanceof UserError) return { ok: 'refused' as const, error };
      throw error;
    });
    if (result.ok === 'refused') {
      await step.ack();
      await step.ctx.reply(t(result.error.key, result.error.params));
      return step.finished(cursor, left);
    }
    if (!result.ok) {
      // Someone's change made the form incomplete meanwhile: show what is missing.
      return {
        cursor: await step.show(reviewCursor(), [`${WARNING} ${t('forms-submit-incomplete')}`], pressed ?? null),
        finished: false,
        budget: left,
      };
    }
    await Promise.all([step.ack(), step.dropKeyboard(pressed ?? null)]);
    await step.ctx.reply(t('forms-submitted', { title: step.form.title }));
    return step.finished(reviewCursor(), left);
  }
  await step.ack('forms-stale-button');
  return { cursor, finished: false, budget: left };
}

// ─────────────── A question ───────────────

const TYPED_ACTIONS: Record<string, string> = { назад: 'b', пропустить: 's' };

async function onQuestion(step: Step, cursor: Cursor, input: FormInput, budget: number): Promise<Screen> {
  const { t, questionnaire, answers } = step;
  const left = budget - 1;
  const screen = async (
    next: Cursor,
    notices: string[] = [],
    previous: number | null = cursor.messageId,
  ): Promise<Screen> => ({
    cursor: await step.show(next, notices, previous),
    finished: false,
    budget: left,
  });
  const item = cursor.at ? findItem(questionnaire, cursor.at) : undefined;
  if (!item || !isVisible(questionnaire, answers, item.key)) {
    // An earlier answer changed (by a colleague) and this item is no longer asked.
    return screen(openingCursor(questionnaire, answers), [`${WARNING} ${t('forms-item-hidden-meanwhile')}`]);
  }
  const question = currentQuestion(item, cursor);
  const reask = (reason: string) => screen({ ...cursor }, [`${WARNING} ${reason}`]);

  if (input.kind === 'other') return reask(t('forms-input-unsupported'));
  // Typed «назад» / «пропустить» mean the buttons (issue 10).
  const typedAction =
    input.kind === 'text'
      ? TYPED_ACTIONS[
          input.text
            .trim()
            .toLowerCase()
            .replace(/[«»"'.!]/g, '')
        ]
      : undefined;
  if (input.kind === 'text' && typedAction) {
    const index = allItems(questionnaire).findIndex((candidate) => candidate.key === item.key);
    input = {
      kind: 'callback',
      data: formStepData.pack({ campaign: step.campaignId, at: index, action: typedAction }),
    };
  }
  if (input.kind === 'text') {
    if (item.type === 'group' && !cursor.group?.row) return reask(t('forms-group-use-buttons'));
    const kind = inputKind(question);
    if (kind === 'file') return reask(t('forms-error-file-expected'));
    const parsed = parseAnswer(question, input.text);
    if (!parsed.ok) return reask(t(parsed.reason, parsed.params));
    let value = parsed.value;
    // Ticks made with buttons stay when the last option is typed (issue 10).
    if (question.type === 'multipleChoice' && Array.isArray(value) && cursor.picked?.length) {
      const picked = new Set([...cursor.picked, ...(value as string[])]);
      value = question.options.filter((option) => picked.has(option.id)).map((option) => option.id);
    }
    return question === item ? accept(step, item, cursor, value, left) : acceptField(step, item, cursor, value, left);
  }
  if (input.kind === 'file') {
    if (question.type !== 'file') return reask(t('forms-file-not-expected'));
    return accept(step, item, cursor, input.file, left);
  }

  const parsed = parseItemData(input.data);
  const target = parsed ? allItems(questionnaire)[parsed.index] : undefined;
  if (!parsed || !target) {
    await step.ack('forms-stale-button');
    return { cursor, finished: false, budget: left };
  }
  if (target.key !== item.key) {
    // A button of another question (an older message): go to that question, nothing is saved.
    if (!isVisible(questionnaire, answers, target.key)) {
      await step.ack('forms-stale-button');
      return { cursor, finished: false, budget: left };
    }
    await step.ack('forms-stale-button');
    return screen(questionCursor(answers, target.key, { revisiting: true, fromReview: cursor.fromReview }));
  }

  const { action } = parsed;
  const inField = item.type === 'group' && !!cursor.group?.row;
  const take = (value: AnswerValue | null) =>
    inField ? acceptField(step, item, cursor, value, left) : accept(step, item, cursor, value, left);
  switch (true) {
    case action === 'b': {
      const previous = previousItem(questionnaire, answers, item.key);
      if (!previous) {
        await step.ack('forms-first-item');
        return { cursor, finished: false, budget: left };
      }
      return screen(questionCursor(answers, previous.key, { revisiting: true }));
    }
    case action === 'k': {
      if (!isAnswered(answers, item.key)) {
        await step.ack('forms-stale-button');
        return { cursor, finished: false, budget: left };
      }
      return screen(cursorAfter(questionnaire, answers, item.key, cursor));
    }
    case action === 's': {
      if (inField) {
        const field = question as Extract<typeof question, { required: boolean }>;
        if (field.required) {
          await step.ack('forms-skip-required');
          return { cursor, finished: false, budget: left };
        }
        return acceptField(step, item, cursor, null, left);
      }
      if (!canSkip(item)) {
        await step.ack('forms-skip-required');
        return { cursor, finished: false, budget: left };
      }
      return accept(step, item, cursor, null, left);
    }
    case action === 'y' || action === 'n':
      if (question.type !== 'yesNo') break;
      return take(action === 'y');
    case /^o\d+$/.test(action): {
      if (question.type !== 'singleChoice') break;
      const option = question.options[Number(action.slice(1))];
      if (!option) break;
      return take(option.id);
    }
    case /^t\d+$/.test(action): {
      if (question.type !== 'multipleChoice') break;
      const option = question.options[Number(action.slice(1))];
      if (!option) break;
      const picked = new Set(cursor.picked ?? (inField ? [] : currentPicks(answers[item.key])));
      if (picked.has(option.id)) picked.delete(option.id);
      else picked.add(option.id);
      const next: Cursor = { ...cursor, picked: question.options.filter((o) => picked.has(o.id)).map((o) => o.id) };
      const rendered = renderQuestion({ t, questionnaire, campaignId: step.campaignId, answers, cursor: next }, item);
      const messageId = step.ctx.callbackQuery?.message?.message_id ?? cursor.messageId;
      await Promise.all([
        step.ack(),
        messageId
          ? step.ctx.api
              .editMessageReplyMarkup(step.ctx.chat!.id, messageId, { reply_markup: rendered.keyboard })
              .catch(() => undefined)
          : Promise.resolve(),
      ]);
      return { cursor: next, finished: false, budget: left };
    }
    case action === 'd': {
      if (question.type !== 'multipleChoice') break;
      return take(cursor.picked ?? (inField ? [] : currentPicks(answers[item.key])));
    }
    case action === 'c': {
      if (cursor.suggested === null) break;
      return accept(step, item, cursor, cursor.suggested, left);
    }
    case action === 'ga': {
      if (item.type !== 'group' || !cursor.group) break;
      return screen({ ...cursor, group: { ...cursor.group, row: {}, field: 0 }, picked: null });
    }
    case action === 'gx': {
      if (item.type !== 'group' || !cursor.group) break;
      return screen({ ...cursor, group: { ...cursor.group, row: null, field: 0 }, picked: null });
    }
    case action === 'gf': {
      if (item.type !== 'group' || !cursor.group) break;
      return accept(step, item, cursor, cursor.group.rows, left);
    }
  }
  await step.ack('forms-stale-button');
  return { cursor, finished: false, budget: left };
}

function currentPicks(value: AnswerValue | null | undefined): string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : [];
}

/** Saves the item's answer (after the «changed meanwhile» check) and moves on. */
async function accept(
  step: Step,
  item: Item,
  cursor: Cursor,
  value: AnswerValue | null,
  budget: number,
): Promise<Screen> {
  const { t, questionnaire, answers } = step;
  // The same answer already stored (an update replayed after a crash, or a colleague who gave the
  // same value) is no change to warn about: move on without saving it twice.
  const alreadyStored = isAnswered(answers, item.key) && JSON.stringify(answers[item.key]) === JSON.stringify(value);
  if (alreadyStored) {
    const next = cursorAfter(questionnaire, answers, item.key, cursor);
    return {
      cursor: await step.show(next, [savedLine(t, item, answers[item.key]!)], cursor.messageId),
      finished: false,
      budget,
    };
  }
  if (fingerprint(answers, item.key) !== cursor.shown) {
    const notice = isAnswered(answers, item.key)
      ? t('forms-changed-meanwhile', {
          number: item.number,
          value: clip(formatAnswer(item, answers[item.key], t), 300),
        })
      : t('forms-cleared-meanwhile', { number: item.number });
    return {
      cursor: await step.show(
        questionCursor(answers, item.key, { revisiting: true, fromReview: cursor.fromReview }),
        [`${WARNING} ${notice}`],
        cursor.messageId,
      ),
      finished: false,
      budget,
    };
  }
  let stored: AnswerValue | null;
  try {
    stored = (await step.ctx.services.forms.save(step.actor, step.campaignId, item.key, value)).value;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error.key.startsWith('forms-error-') || error.key === 'forms-skip-required') {
      return {
        cursor: await step.show({ ...cursor }, [`${WARNING} ${t(error.key, error.params)}`], cursor.messageId),
        finished: false,
        budget,
      };
    }
    await step.ack();
    await step.ctx.reply(t(error.key, error.params));
    return step.finished(cursor, budget);
  }
  answers[item.key] = stored;
  const next = cursorAfter(questionnaire, answers, item.key, cursor);
  return { cursor: await step.show(next, [savedLine(t, item, stored)], cursor.messageId), finished: false, budget };
}

/** One field of a group row: checked here, the row is saved with the whole list at «Завершить список». */
async function acceptField(
  step: Step,
  item: Item,
  cursor: Cursor,
  value: AnswerValue | null,
  budget: number,
): Promise<Screen> {
  if (item.type !== 'group' || !cursor.group?.row) return { cursor, finished: false, budget };
  const field = item.fields[cursor.group.field]!;
  if (value !== null) {
    const checked = validateValue(field, value);
    if (!checked.ok) {
      return {
        cursor: await step.show(
          { ...cursor },
          [`${WARNING} ${step.t(checked.reason, checked.params)}`],
          cursor.messageId,
        ),
        finished: false,
        budget,
      };
    }
    value = checked.value;
  }
  const row: GroupRow = { ...cursor.group.row, [field.key]: value as GroupRow[string] };
  const nextField = cursor.group.field + 1;
  const group =
    nextField < item.fields.length
      ? { rows: cursor.group.rows, row, field: nextField }
      : { rows: [...cursor.group.rows, row], row: null, field: 0 };
  const notices = group.row === null ? [step.t('forms-group-row-added', { row: group.rows.length })] : [];
  return {
    cursor: await step.show({ ...cursor, group, picked: null }, notices, cursor.messageId),
    finished: false,
    budget,
  };
}
