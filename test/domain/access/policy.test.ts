import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  can,
  canInvite,
  type Action,
  type Actor,
  type Role,
  type Scope,
  type Target,
} from '../../../src/domain/access/policy.ts';

// Two regions' worth of places: region 1 has municipalities 10 and 11; school 100 is in 10, 110 in 11.
const ownSchool: Target = { kind: 'school', regionId: 1, municipalityId: 10, schoolId: 100 };
const neighbourSchool: Target = { kind: 'school', regionId: 1, municipalityId: 10, schoolId: 101 };
const otherMunicipalitySchool: Target = { kind: 'school', regionId: 1, municipalityId: 11, schoolId: 110 };
const otherRegionSchool: Target = { kind: 'school', regionId: 2, municipalityId: 20, schoolId: 200 };
const ownMunicipality: Target = { kind: 'municipality', regionId: 1, municipalityId: 10 };
const region: Target = { kind: 'region', regionId: 1 };

const actors: Record<string, Actor> = {
  admin: { userId: 1, role: 'admin', scope: { kind: 'all' } },
  regionCoordinator: { userId: 2, role: 'coordinator', scope: { kind: 'region', regionId: 1 } },
  municipalCoordinator: {
    userId: 3,
    role: 'coordinator',
    scope: { kind: 'municipality', regionId: 1, municipalityId: 10 },
  },
  committee: { userId: 4, role: 'committee', scope: { kind: 'municipality', regionId: 1, municipalityId: 10 } },
  director: { userId: 5, role: 'director', scope: { kind: 'school', regionId: 1, municipalityId: 10, schoolId: 100 } },
};

// Expected rights per role inside their own scope; outside it, nobody but the admin has any.
const ROLE_RIGHTS: Record<Role, Action[]> = {
  admin: ACTIONS.filter((action) => action !== 'form.answer'),
  coordinator: ACTIONS.filter((action) => action !== 'form.answer'),
  committee: ['school.read', 'results.read', 'identification.read', 'campaign.read', 'report.read'],
  director: ['school.read', 'results.read', 'form.answer'],
};

describe('access matrix: every role × every action, own and foreign scope', () => {
  for (const [name, actor] of Object.entries(actors)) {
    for (const action of ACTIONS) {
      const allowed = ROLE_RIGHTS[actor.role].includes(action);
      it(`${name} ${allowed ? 'may' : 'may not'} ${action} in its own school`, () => {
        expect(can(actor, action, ownSchool)).toBe(allowed);
      });
      it(`${name} ${action} in another region's school: ${actor.role === 'admin' && allowed}`, () => {
        expect(can(actor, action, otherRegionSchool)).toBe(actor.role === 'admin' && allowed);
      });
    }
  }

  it('a municipal coordinator reaches every school of its municipality and none of the next one', () => {
    const actor = actors.municipalCoordinator!;
    expect(can(actor, 'results.import', neighbourSchool)).toBe(true);
    expect(can(actor, 'results.import', ownMunicipality)).toBe(true);
    expect(can(actor, 'results.import', otherMunicipalitySchool)).toBe(false);
    expect(can(actor, 'identification.run', region)).toBe(false);
  });

  it('a region coordinator reaches every municipality of the region', () => {
    const actor = actors.regionCoordinator!;
    expect(can(actor, 'identification.run', region)).toBe(true);
    expect(can(actor, 'campaign.manage', otherMunicipalitySchool)).toBe(true);
  });

  it('a director sees only its own school', () => {
    const actor = actors.director!;
    expect(can(actor, 'results.read', neighbourSchool)).toBe(false);
    expect(can(actor, 'school.read', ownMunicipality)).toBe(false);
  });

  it('the committee reads but never writes', () => {
    const actor = actors.committee!;
    expect(can(actor, 'report.read', neighbourSchool)).toBe(true);
    for (const write of ['school.write', 'results.import', 'identification.run', 'campaign.manage'] as const) {
      expect(can(actor, write, ownSchool)).toBe(false);
    }
  });
});

describe('who may invite whom', () => {
  const schoolScope: Scope = { kind: 'school', regionId: 1, municipalityId: 10, schoolId: 100 };
  const foreignSchoolScope: Scope = { kind: 'school', regionId: 1, municipalityId: 11, schoolId: 110 };
  const municipalityScope: Scope = { kind: 'municipality', regionId: 1, municipalityId: 10 };
  const regionScope: Scope = { kind: 'region', regionId: 1 };

  it('an admin invites anyone, with a scope that fits the role', () => {
    expect(canInvite(actors.admin!, 'coordinator', regionScope)).toBe(true);
    expect(canInvite(actors.admin!, 'director', schoolScope)).toBe(true);
    expect(canInvite(actors.admin!, 'director', municipalityScope)).toBe(false);
    expect(canInvite(actors.admin!, 'coordinator', schoolScope)).toBe(false);
  });

  it('a municipal coordinator invites inside its municipality only', () => {
    const actor = actors.municipalCoordinator!;
    expect(canInvite(actor, 'director', schoolScope)).toBe(true);
    expect(canInvite(actor, 'committee', municipalityScope)).toBe(true);
    expect(canInvite(actor, 'coordinator', municipalityScope)).toBe(true);
    expect(canInvite(actor, 'director', foreignSchoolScope)).toBe(false);
    expect(canInvite(actor, 'coordinator', regionScope)).toBe(false);
    expect(canInvite(actor, 'admin', { kind: 'all' })).toBe(false);
  });

  it('a director invites a deputy for its own school and nobody else', () => {
    const actor = actors.director!;
    expect(canInvite(actor, 'director', schoolScope)).toBe(true);
    expect(canInvite(actor, 'director', foreignSchoolScope)).toBe(false);
    expect(canInvite(actor, 'committee', municipalityScope)).toBe(false);
  });

  it('the committee invites nobody', () => {
    expect(canInvite(actors.committee!, 'director', schoolScope)).toBe(false);
    expect(canInvite(actors.committee!, 'committee', municipalityScope)).toBe(false);
  });
});
