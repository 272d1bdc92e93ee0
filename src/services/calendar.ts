/**
 * The monitoring calendar (issue 13 §3): in the month a built-in form's seed names, each
 * coordinator is told «пора запускать …» once (recorded before it is sent), unless a campaign
 * of that form was already launched in their scope this month; one tap launches it for the
 * right schools (every school, or the ШНОР list).
 */
import type { Actor } from '../domain/access/policy.ts';
import { endOfDay } from '../domain/campaigns/schedule.ts';
import { localDate } from '../domain/timeZone.ts';
import { type LaunchSuggestion, formsForMonth, suggestedDeadlineDate } from '../domain/calendar/launches.ts';
import { launchCampaign } from './campaigns.ts';
import { digestScopeFor } from './committeeChats.ts';
import type { ServiceDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { enqueueMessages } from './outbox.ts';
import { ensureBuiltins } from './questionnaires.ts';
import { listedSchools } from './roadmaps.ts';

export interface CalendarNoticeDue extends LaunchSuggestion {
  telegramId: number;
  deadline: string;
}

/**
 * Records each notice that came due and queues its message in the outbox, in one transaction per
 * coordinator and form: once a month, delivered once (src/delivery/sender.ts), a blocked bot
 * recorded. Returns what was queued.
 */
export async function queueCalendarNotices(deps: ServiceDeps): Promise<CalendarNoticeDue[]> {
  const today = localDate(deps.now());
  const month = today.slice(0, 7);
  const forms = formsForMonth(Number(today.slice(5, 7)));
  if (forms.length === 0) return [];
  await ensureBuiltins(deps);
  const coordinators = await deps.prisma.user.findMany({ where: { role: 'coordinator' } });
  const monthStart = new Date(Date.parse(`${month}-01T00:00:00+03:00`));
  const due: CalendarNoticeDue[] = [];
  for (const coordinator of coordinators) {
    for (const form of forms) {
      const launched = await deps.prisma.campaign.count({
        where: {
          createdAt: { gte: monthStart },
          questionnaire: { key: form.key },
          ...(coordinator.municipalityId !== null
            ? { schools: { some: { school: { municipalityId: coordinator.municipalityId } } } }
            : {}),
        },
      });
      if (launched > 0) continue;
      const notice: CalendarNoticeDue = {
        ...form,
        telegramId: Number(coordinator.telegramId),
        deadline: suggestedDeadlineDate(today),
      };
      const queued = await deps.prisma.$transaction(async (tx) => {
        const created = await tx.calendarNotice.createMany({
          data: [{ userId: coordinator.id, formKey: form.key, month }],
          skipDuplicates: true,
        });
        if (created.count === 0) return false;
        await enqueueMessages(
          tx,
          [
            {
              dedupeKey: `calendar:${coordinator.id}:${form.key}:${month}`,
              chatId: notice.telegramId,
              payload: {
                kind: 'calendar.notice',
                formKey: form.key,
                title: form.title,
                audience: form.audience,
                deadline: notice.deadline,
              },
            },
          ],
          deps.now(),
        );
        return true;
      });
      if (queued) due.push(notice);
    }
  }
  return due;
}

/** The one-tap launch from «пора запускать …». */
export async function launchFromCalendar(deps: ServiceDeps, actor: Actor, formKey: string) {
  const form = formsForMonth(Number(localDate(deps.now()).slice(5, 7))).find((entry) => entry.key === formKey);
  const known =
    form ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].flatMap(formsForMonth).find((entry) => entry.key === formKey);
  if (!known) throw new UserError('calendar-form-unknown');
  await ensureBuiltins(deps);
  const version = await deps.prisma.questionnaireVersion.findFirst({
    where: { key: formKey },
    orderBy: { version: 'desc' },
  });
  if (!version) throw new UserError('calendar-form-unknown');
  let schools: 'all' | string[] = 'all';
  if (known.audience === 'listed') {
    const scope = await digestScopeFor(deps, actor);
    schools = (await listedSchools(deps, scope)).map((school) => school.code);
    if (schools.length === 0) throw new UserError('calendar-no-list', { title: known.title });
  }
  return launchCampaign(deps, actor, {
    questionnaireVersionId: version.id,
    schools,
    deadline: endOfDay(suggestedDeadlineDate(localDate(deps.now()))),
  });
}
