/**
 * The use cases, bound to their dependencies. The bot, the CLI and the scheduler call these and
 * nothing else; every function checks the actor's scope itself.
 */
import type { Actor, Role } from '../domain/access/policy.ts';
import type { ServiceDeps } from './deps.ts';
import * as invites from './invites.ts';
import * as people from './people.ts';
import * as results from './results.ts';
import * as schools from './schools.ts';
import { claimUpdate } from './updates.ts';

export function createServices(deps: ServiceDeps) {
  return {
    deps,
    people: {
      find: (from: people.TelegramPerson) => people.findPerson(deps, from),
      list: (actor: Actor) => people.listPeople(deps, actor),
    },
    invites: {
      create: (actor: Actor, request: { role: Role; scope: invites.InviteScopeRequest; ttlDays?: number }) =>
        invites.createInvite(deps, actor, request),
      redeem: (from: people.TelegramPerson, code: string) => invites.redeemInvite(deps, from, code),
      list: (actor: Actor) => invites.listInvites(deps, actor),
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
      query: (actor: Actor, filter?: Parameters<typeof results.queryResults>[2]) => results.queryResults(deps, actor, filter),
    },
    updates: {
      claim: (updateId: number) => claimUpdate(deps, updateId),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
export { CLI_ACTOR, actorOf, type Person, type TelegramPerson } from './people.ts';
export { UserError } from './errors.ts';
