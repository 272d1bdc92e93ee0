/**
 * The use cases, bound to their dependencies. The bot, the CLI and the scheduler call these and
 * nothing else; every function checks the actor's scope itself.
 */
import type { Actor, Role } from '../domain/access/policy.ts';
import type { ServiceDeps } from './deps.ts';
import * as campaigns from './campaigns.ts';
import * as committeeChats from './committeeChats.ts';
import * as digest from './digest.ts';
import * as roadmaps from './roadmaps.ts';
import * as calendar from './calendar.ts';
import { DEFAULT_DIGEST_SCHEDULE } from '../domain/digest/week.ts';
import { checkLaunch } from './campaignChecks.ts';
import { campaignFiles } from './campaignFiles.ts';
import * as forms from './forms.ts';
import * as history from './history.ts';
import * as identification from './identification/index.ts';
import * as identificationData from './identificationData.ts';
import * as indicators from './indicators.ts';
import * as reports from './reports.ts';
import * as status from './status.ts';
import * as invites from './invites.ts';
import * as people from './people.ts';
import * as questionnaires from './questionnaires.ts';
import * as results from './results.ts';
import * as schools from './schools.ts';
import { beginUpdate, claimUpdate, finishUpdate, storeReceived, unfinishedUpdates } from './updates.ts';

export function createServices(deps: ServiceDeps) {
  const digestOptions = (): digest.DigestOptions => ({
    schedule: deps.settings.digestSchedule ?? DEFAULT_DIGEST_SCHEDULE,
    roadmaps: roadmaps.roadmapDigest,
  });
  return {
    deps,
    people: {
      find: (from: people.TelegramPerson) => people.findPerson(deps, from),
      list: (actor: Actor) => people.listPeople(deps, actor),
    },
    invites: {
      create: (actor: Actor, request: { role: Role; scope: invites.InviteScopeRequest; ttlDays?: number }) =>
        invites.createInvite(deps, actor, request),
      redeem: (from: people.TelegramPerson, code: string, options?: { confirmed?: boolean }) =>
        invites.redeemInvite(deps, from, code, options),
      decline: (from: people.TelegramPerson, code: string) => invites.declineInvite(deps, from, code),
      list: (actor: Actor) => invites.listInvites(deps, actor),
      byNumber: (actor: Actor, number: number) => invites.invitesByNumber(deps, actor, number),
      revoke: (actor: Actor, id: number) => invites.revokeInvite(deps, actor, id),
    },
    schools: {
      importFile: (actor: Actor, bytes: Uint8Array, options: schools.ImportSchoolsOptions = {}) =>
        schools.importSchools(deps, actor, bytes, options),
      list: (actor: Actor) => schools.listSchools(deps, actor),
      municipalities: (actor: Actor) => schools.listMunicipalities(deps, actor),
      find: (actor: Actor, code: string) => schools.findSchool(deps, actor, code),
    },
    results: {
      preview: (actor: Actor, bytes: Uint8Array, options?: results.ResultsImportOptions) =>
        results.previewResults(deps, actor, bytes, options),
      importFile: (actor: Actor, bytes: Uint8Array, options?: results.ResultsImportOptions) =>
        results.importResults(deps, actor, bytes, options),
      query: (actor: Actor, filter?: Parameters<typeof results.queryResults>[2]) =>
        results.queryResults(deps, actor, filter),
    },
    identification: {
      run: (actor: Actor, request: identification.RunIdentificationRequest) =>
        identification.runIdentification(deps, actor, request),
      latest: (actor: Actor, options?: { municipalityId?: number }) =>
        identification.latestIdentification(deps, actor, options),
      report: (actor: Actor, runIds: readonly number[]) => identification.identificationReport(deps, actor, runIds),
      history: (actor: Actor, code: string) => identification.schoolIdentificationHistory(deps, actor, code),
      /** for the results import: reruns the result-based methods, returns the changes to announce */
      rerunAfterImport: (municipalityIds: readonly number[], announce?: { key: string }) =>
        identification.rerunAfterImport(deps, municipalityIds, announce),
    },
    /** issue 11: «Контингент», regional figures, the official ШНОР list, campaign target sets */
    identificationData: {
      importContingent: (actor: Actor, bytes: Uint8Array, options?: { fileName?: string }) =>
        identificationData.importContingent(deps, actor, bytes, options),
      contingentCoverage: (actor: Actor, year: string) => identificationData.contingentCoverage(deps, actor, year),
      setRegionFigures: (actor: Actor, input: identificationData.RegionFiguresInput) =>
        identificationData.setRegionFigures(deps, actor, input),
      importOfficialList: (actor: Actor, bytes: Uint8Array, options?: { fileName?: string }) =>
        identificationData.importOfficialList(deps, actor, bytes, options),
      officialComparison: (actor: Actor, options?: { year?: string }) =>
        identificationData.officialComparison(deps, actor, options),
      targetSets: (actor: Actor) => identificationData.targetSets(deps, actor),
      /** for the school card: official list vs computed (ФИОКО) for one school */
      schoolOfficialStatus: (actor: Actor, code: string) => identificationData.schoolOfficialStatus(deps, actor, code),
    },
    questionnaires: {
      list: (actor: Actor) => questionnaires.listQuestionnaires(deps, actor),
      /** a coordinator's own questionnaire from .xlsx (the sheet with «№», «Вопрос», «Тип») */
      importQuestionnaire: (
        actor: Actor,
        bytes: Uint8Array,
        fileName: string,
        options?: questionnaires.ImportQuestionnaireOptions,
      ) => questionnaires.importQuestionnaire(deps, actor, bytes, fileName, options),
    },
    campaigns: {
      launch: (actor: Actor, request: campaigns.LaunchRequest) => campaigns.launchCampaign(deps, actor, request),
      /** warnings before «Запустить»: nobody to answer, the same questionnaire already open (issue 10) */
      checkLaunch: (actor: Actor, request: Parameters<typeof checkLaunch>[2]) => checkLaunch(deps, actor, request),
      list: (actor: Actor) => campaigns.listCampaigns(deps, actor),
      byNumber: (actor: Actor, number: number) => campaigns.campaignsByNumber(deps, actor, number),
      status: (actor: Actor, campaignId: number) => campaigns.campaignStatus(deps, actor, campaignId),
      extend: (actor: Actor, campaignId: number, deadline: Date) =>
        campaigns.extendDeadline(deps, actor, campaignId, deadline),
      close: (actor: Actor, campaignId: number) => campaigns.closeCampaign(deps, actor, campaignId),
      reopen: (actor: Actor, campaignId: number, schoolCode: string) =>
        campaigns.reopenSchool(deps, actor, campaignId, schoolCode),
      answers: (actor: Actor, campaignId: number) => campaigns.campaignAnswers(deps, actor, campaignId),
      /** files the schools attached («файл» answers), sent again by file_id (issue 10) */
      files: (actor: Actor, campaignId: number) => campaignFiles(deps, actor, campaignId),
      /** for the reminder scheduler */
      reminderCampaigns: () => campaigns.reminderCampaigns(deps),
      recordReminders: (sent: Parameters<typeof campaigns.recordReminders>[1]) => campaigns.recordReminders(deps, sent),
      responders: (schoolIds: readonly number[]) => campaigns.respondersOf(deps, schoolIds),
      /** for the reminder scheduler: records due reminders and queues their messages in one transaction */
      queueReminders: (due: Parameters<typeof campaigns.queueReminders>[1]) => campaigns.queueReminders(deps, due),
    },
    forms: {
      mine: (actor: Actor) => forms.myForms(deps, actor),
      load: (actor: Actor, campaignId: number) => forms.loadForm(deps, actor, campaignId),
      save: (actor: Actor, campaignId: number, itemKey: string, value: forms.FormSnapshot['answers'][string]) =>
        forms.saveAnswer(deps, actor, campaignId, itemKey, value),
      submit: (actor: Actor, campaignId: number) => forms.submitForm(deps, actor, campaignId),
      prefill: (actor: Actor, campaignId: number) => forms.prefillSuggestions(deps, actor, campaignId),
    },
    committeeChats: {
      bind: (actor: Actor, chat: { id: number; title: string }) => committeeChats.bindChat(deps, actor, chat),
      unbindByCommand: (actor: Actor, chatId: number) => committeeChats.unbindChat(deps, actor, chatId),
      /** the bot was removed or Telegram refused (403); true only the first time */
      unbind: (chatId: number, reason: 'removed' | 'forbidden') => committeeChats.markUnbound(deps, chatId, reason),
      migrate: (fromId: number, toId: number) => committeeChats.migrateChat(deps, fromId, toId),
      find: (chatId: number) => committeeChats.boundChat(deps, chatId),
      list: () => committeeChats.boundChats(deps),
    },
    digest: {
      schedule: () => digestOptions().schedule,
      previewForChat: (chatId: number) => digest.previewForChat(deps, chatId, digestOptions()),
      /** a person's own scope (private chat), or a municipality for the CLI */
      previewForActor: async (actor: Actor, municipality?: string) =>
        digest.previewForScope(deps, await committeeChats.digestScopeFor(deps, actor, municipality), digestOptions()),
      /** records the week's due digests with their outbox messages; `onQueued` after each commit */
      prepareDue: (onQueued?: () => void) => digest.prepareDueDigests(deps, digestOptions(), onQueued),
      counts: () => digest.deliveryCounts(deps, digestOptions().schedule),
    },
    roadmaps: {
      importFile: (actor: Actor, bytes: Uint8Array, fileName: string, options?: roadmaps.ImportRoadmapOptions) =>
        roadmaps.importRoadmap(deps, actor, bytes, fileName, options),
      /** progress by section, due soon, overdue (plain data; also for the status card and report) */
      mine: (actor: Actor) => roadmaps.roadmapForActor(deps, actor),
      forScope: (scope: committeeChats.DigestScope) => roadmaps.roadmapProgress(deps, scope),
      done: (actor: Actor, itemId: number, comment: string, fileId?: string) =>
        roadmaps.markDone(deps, actor, itemId, comment, fileId),
      reopen: (actor: Actor, itemId: number) => roadmaps.reopen(deps, actor, itemId),
      /** records the reminders that came due and queues them in the outbox; returns them */
      queueReminders: () => roadmaps.queueRoadmapReminders(deps),
    },
    calendar: {
      /** records the notices that came due and queues them in the outbox; returns them */
      queueNotices: () => calendar.queueCalendarNotices(deps),
      launch: (actor: Actor, formKey: string) => calendar.launchFromCalendar(deps, actor, formKey),
    },
    /** the audit log's reader: who changed what about a school (issue 10) */
    history: {
      school: (actor: Actor, code: string, limit?: number) => history.schoolChangeHistory(deps, actor, code, limit),
    },
    /** programme indicators of the seeds for a scope and academic year (issue #12) */
    indicators: {
      compute: (actor: Actor, request: indicators.ScopeRequest = {}) =>
        indicators.programmeIndicators(deps, actor, request),
    },
    /** the school card and the scope overview (/status) */
    status: {
      lookup: (actor: Actor, query: string) => status.lookupStatus(deps, actor, query),
      card: (actor: Actor, code: string) => status.schoolCard(deps, actor, code),
      overview: (actor: Actor, request?: { municipality?: string; year?: string }) =>
        status.scopeOverview(deps, actor, request),
    },
    /** the content of the .xlsx report and the «аналитическая справка» */
    reports: {
      data: (actor: Actor, request: indicators.ScopeRequest = {}) => reports.reportData(deps, actor, request),
    },
    updates: {
      claim: (updateId: number) => claimUpdate(deps, updateId),
      /** the inbox (src/delivery/inbox.ts): store on receipt, begin, finish, resume after a crash */
      storeReceived: (updates: readonly { update_id: number }[]) => storeReceived(deps, updates),
      begin: (update: { update_id: number }) => beginUpdate(deps, update),
      finish: (updateId: number, state?: 'done' | 'failed') => finishUpdate(deps, updateId, state),
      unfinished: (limit?: number) => unfinishedUpdates(deps, limit),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
export { CLI_ACTOR, actorOf, type Person } from './people.ts';
export { UserError } from './errors.ts';
