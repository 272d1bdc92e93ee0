/**
 * People and campaigns for form and campaign tests, written straight to the database (the
 * onboarding flow has its own tests).
 */
import type { Message } from 'grammy/types';
import type { Services } from '../../src/services/index.ts';
import { CLI_ACTOR } from '../../src/services/index.ts';
import type { BotApiCall } from '../support/botApiServer.ts';
import { sentMessages } from '../support/botDriver.ts';
import { user } from '../support/updates.ts';
import { seedSchools, startTestBot, type TestBot } from './testBot.ts';

export async function registerPerson(
  services: Services,
  telegramId: number,
  role: 'director' | 'coordinator' | 'committee',
  where: { school?: string; municipality?: string },
  firstName = `User${telegramId}`,
): Promise<void> {
  const prisma = services.deps.prisma;
  const region = await prisma.region.findFirstOrThrow();
  const school = where.school ? await prisma.school.findUniqueOrThrow({ where: { code: where.school } }) : null;
  const municipality = where.municipality
    ? await prisma.municipality.findFirstOrThrow({ where: { name: where.municipality } })
    : null;
  await prisma.user.create({
    data: {
      telegramId: BigInt(telegramId),
      firstName,
      role,
      regionId: region.id,
      municipalityId: municipality?.id ?? null,
      schoolId: school?.id ?? null,
    },
  });
}

/** Launches a campaign of a built-in (or stored) questionnaire as the CLI operator. */
export async function launchFor(
  services: Services,
  key: string,
  options: { schools?: 'all' | string[]; deadline?: Date; reminderDays?: number[]; title?: string } = {},
) {
  const list = await services.questionnaires.list(CLI_ACTOR);
  const entry = list.find((q) => q.key === key);
  if (!entry) throw new Error(`no questionnaire ${key}`);
  return services.campaigns.launch(CLI_ACTOR, {
    questionnaireVersionId: entry.versionId,
    schools: options.schools ?? 'all',
    deadline: options.deadline ?? new Date(services.deps.now().getTime() + 7 * 86_400_000),
    reminderDays: options.reminderDays,
    title: options.title,
  });
}

/** The last message with buttons the bot sent (or edited) among these calls. */
export function lastKeyboard(calls: readonly BotApiCall[]): Message {
  const withButtons = sentMessages(calls).filter((message) => (message.reply_markup?.inline_keyboard ?? []).length > 0);
  const last = withButtons.at(-1);
  if (!last) throw new Error(`no message with buttons among ${calls.map((c) => c.method).join(', ')}`);
  return last;
}

export function buttonTexts(message: Message): string[] {
  return (message.reply_markup?.inline_keyboard ?? []).flat().map((button) => button.text);
}

/** The form's own messages: the outbox may deliver a campaign invitation («Заполнить») meanwhile. */
export function formCalls(calls: readonly BotApiCall[]): BotApiCall[] {
  return calls.filter((call) => !JSON.stringify(call.payload.reply_markup ?? '').includes('form:open'));
}

/** Борис coordinates Дубенский район; Вера answers for sch710001 (see seedSchools). */
export const BORIS = user(2001, 'Борис');
export const VERA = user(3001, 'Вера');

/** A test bot over the seeded district with Борис and Вера registered. */
export async function startDistrictBot(): Promise<TestBot> {
  const h = await startTestBot();
  await seedSchools(h.services);
  await registerPerson(h.services, BORIS.id, 'coordinator', { municipality: 'Дубенский район' }, 'Борис');
  await registerPerson(h.services, VERA.id, 'director', { school: 'sch710001' }, 'Вера');
  return h;
}

/**
 * Keyboards as the bot sent them (the raw reply_markup of each call) with an empty row: a
 * client draws it as a gap under the buttons. Each entry names the method and the first button.
 */
export function emptyKeyboardRows(calls: readonly BotApiCall[]): string[] {
  return calls.flatMap((call) => {
    const rows = (call.payload.reply_markup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard;
    if (!rows?.some((row) => row.length === 0)) return [];
    const first = rows.flat()[0] as { text?: string } | undefined;
    return [`${call.method}: ${first?.text ?? '(no buttons)'} — rows ${rows.map((row) => row.length).join(',')}`];
  });
}
