// Identification as a use case (issue #4): scope, stored runs, entered / left, history, the rerun
// after an import — on the hand-checked ФИОКО dataset in a real database (PGlite, or PostgreSQL
// when DATABASE_URL is set).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDeniedError, type Actor } from '../../src/domain/access/policy.ts';
import { defaultRules } from '../../src/domain/identification/index.ts';
import { CLI_ACTOR, UserError, type Services } from '../../src/services/index.ts';
import type { MethodOutcome } from '../../src/services/identification/index.ts';
import { NORTH, SOUTH, expectedFioco, expectedFor, loadDataset } from '../helpers/identificationDataset.ts';
import { openTestDatabase, testClock, testServices, type TestDatabase } from '../helpers/testDatabase.ts';

let db: TestDatabase;
let services: Services;
const clock = testClock('2026-11-25T09:00:00Z');
let ids: Awaited<ReturnType<typeof loadDataset>>;
let northCoordinator: Actor;
let northCommittee: Actor;
let director: Actor;

beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db, { now: clock.now });
  ids = await loadDataset(db.prisma, services.deps.settings.regionName);
  const regionId = ids.region.id;
  northCoordinator = {
    userId: null,
    role: 'coordinator',
    scope: { kind: 'municipality', regionId, municipalityId: ids.north.id },
  };
  northCommittee = {
    userId: null,
    role: 'committee',
    scope: { kind: 'municipality', regionId, municipalityId: ids.north.id },
  };
  director = {
    userId: null,
    role: 'director',
    scope: { kind: 'school', regionId, municipalityId: ids.north.id, schoolId: ids.schoolIds.get('sch100001')! },
  };
});
afterAll(async () => db?.close());

const done = (outcome: MethodOutcome | undefined) => {
  if (outcome?.state !== 'done') throw new Error(`expected a stored run, got ${JSON.stringify(outcome)}`);
  return outcome.run;
};

describe('runIdentification', () => {
  it('over the whole data gives exactly the hand-checked ФИОКО list with evidence', async () => {
    const summary = await services.identification.run(CLI_ACTOR, { methods: ['fioco'] });
    expect(summary.methods[0]!.cli).toEqual(expectedFioco);
    expect(summary.schoolsInScope).toBe(27);
    const run = done(summary.methods[0]);
    expect(run.counts).toEqual({ evaluated: 26, flagged: 11, incomplete: 4 });
    expect(run.previousRun).toBeNull();
    // first run: every flagged school "entered"
    expect(run.entered.map((school) => school.code)).toEqual(
      expectedFioco.schools.filter((s) => s.flagged).map((s) => s.code),
    );
  });

  it('for a coordinator is the region’s list cut to its municipality, stored under it with an audit entry', async () => {
    const summary = await services.identification.run(northCoordinator, { methods: ['fioco'] });
    expect(summary.scope).toEqual({ municipalityId: ids.north.id, name: NORTH, kind: 'municipality' });
    expect(summary.methods[0]!.cli).toEqual(expectedFor(NORTH));
    const run = done(summary.methods[0]);
    const stored = await db.prisma.identificationRun.findUniqueOrThrow({
      where: { id: run.runId },
      include: { verdicts: true },
    });
    expect(stored.municipalityId).toBe(ids.north.id);
    expect(stored.year).toBe('2023/2024');
    expect(stored.verdicts).toHaveLength(expectedFor(NORTH).schools.length);
    const entry = await db.prisma.auditLog.findFirst({
      where: { entity: 'IdentificationRun', entityId: String(run.runId) },
    });
    expect(entry?.action).toBe('identification.run');
  });

  it('a year given explicitly is the same as the default one here; a malformed year is refused in Russian', async () => {
    const summary = await services.identification.run(CLI_ACTOR, { methods: ['fioco'], year: '2023/2024' });
    expect(summary.methods[0]!.cli.schools).toEqual(expectedFioco.schools);
    const error = await services.identification
      .run(CLI_ACTOR, { methods: ['fioco'], year: '2023-24' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).key).toBe('identify-error-year-format');
  });

  it('custom rules change the verdicts (the regional variant: the same procedure in both years)', async () => {
    const rules = defaultRules();
    rules.fioco.sameProcedureInBothYears = true;
    const summary = await services.identification.run(CLI_ACTOR, { methods: ['fioco'], rules });
    const expected = JSON.parse(
      readFileSync(new URL('../fixtures/identification/fioco-expected-same-procedure.json', import.meta.url), 'utf8'),
    );
    expect(summary.methods[0]!.cli).toEqual(expected);
  });

  it('regional indicators rank the whole region: a coordinator sees the region’s verdicts for its schools', async () => {
    const region = done((await services.identification.run(CLI_ACTOR, { methods: ['regional'] })).methods[0]);
    const north = done((await services.identification.run(northCoordinator, { methods: ['regional'] })).methods[0]);
    const northCodes = new Set(north.verdicts.map((verdict) => verdict.code));
    expect([...northCodes].every((code) => code <= 'sch100014')).toBe(true);
    const strip = (verdict: (typeof north.verdicts)[number]) => ({
      code: verdict.code,
      status: verdict.status,
      criteria: verdict.criteria,
      evidence: verdict.evidence,
    });
    expect(north.verdicts.map(strip)).toEqual(
      region.verdicts.filter((verdict) => northCodes.has(verdict.code)).map(strip),
    );
    expect(region.verdicts.some((verdict) => verdict.flagged && northCodes.has(verdict.code))).toBe(true);
  });

  it('a director may not run or read it; a committee member may read but not run; nobody runs outside their scope', async () => {
    await expect(services.identification.run(director, { methods: ['fioco'] })).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
    await expect(services.identification.latest(director)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(services.identification.run(northCommittee, { methods: ['fioco'] })).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
    await expect(
      services.identification.run(northCoordinator, { methods: ['fioco'], municipalityId: ids.south.id }),
    ).rejects.toBeInstanceOf(AccessDeniedError);
    const latest = await services.identification.latest(northCommittee);
    expect(latest.runs.map((run) => run.method)).toEqual(['fioco', 'regional']);
    expect(latest.runs[0]!.verdicts.every((verdict) => verdict.municipality === NORTH)).toBe(true);
  });

  it('risk and social without questionnaire data say so and store nothing', async () => {
    const before = await db.prisma.identificationRun.count();
    const summary = await services.identification.run(CLI_ACTOR, { methods: ['risk', 'social'] });
    expect(
      summary.methods.map((outcome) => [
        outcome.method,
        outcome.state,
        outcome.state === 'no-data' ? outcome.reason : null,
      ]),
    ).toEqual([
      ['risk', 'no-data', 'questionnaire'],
      ['social', 'no-data', 'questionnaire'],
    ]);
    expect(await db.prisma.identificationRun.count()).toBe(before);
  });
});

describe('a second run after the results change', () => {
  it('shows who entered and who left the list, and the school history records both', async () => {
    clock.advance(86_400_000);
    const sch2 = ids.schoolIds.get('sch100002')!;
    const sch1 = ids.schoolIds.get('sch100001')!;
    // sch100002: 2999 of 10 000 becomes exactly 30 %, a second low procedure → flagged
    await db.prisma.assessmentResult.updateMany({
      where: { schoolId: sch2, year: '2023/2024', kind: 'VPR', grade: 5 },
      data: { failed: 3000 },
    });
    // sch100001: 30 of 100 becomes 29 → one low procedure left → clear
    await db.prisma.assessmentResult.updateMany({
      where: { schoolId: sch1, year: '2023/2024', kind: 'VPR', grade: 5 },
      data: { failed: 29 },
    });

    const run = done((await services.identification.run(northCoordinator, { methods: ['fioco'] })).methods[0]);
    expect(run.previousRun).not.toBeNull();
    expect(run.entered).toEqual([{ code: 'sch100002', name: 'МБОУ СОШ № 2', municipality: NORTH }]);
    expect(run.left).toEqual([{ code: 'sch100001', name: 'МБОУ СОШ № 1', municipality: NORTH }]);

    const history = await services.identification.history(northCommittee, 'SCH100001');
    expect(history.school).toEqual({ code: 'sch100001', name: 'МБОУ СОШ № 1', municipality: NORTH });
    expect(history.history.filter((event) => event.method === 'fioco').map((event) => event.event)).toEqual([
      'entered',
      'left',
    ]);
    const current = history.current.find((verdict) => verdict.method === 'fioco')!;
    expect(current.status).toBe('clear');
    expect(current.citations.map((citation) => citation.id)).toContain('two-procedures');

    const entered = await services.identification.history(northCoordinator, 'sch100002');
    expect(entered.history.filter((event) => event.method === 'fioco').map((event) => event.event)).toEqual([
      'entered',
    ]);
    expect(entered.current.find((verdict) => verdict.method === 'fioco')!.criteria).toEqual(['two-procedures']);
    // a later run that did not evaluate the school (no data for it: no verdict stored) neither takes
    // it out of the list nor replaces its current verdict — /status and the history read the same runs
    const bare = await db.prisma.identificationRun.create({
      data: {
        method: 'fioco',
        year: '2023/2024',
        municipalityId: ids.north.id,
        actorLabel: 'test',
        rules: {},
        at: new Date(clock.now().getTime() + 1000),
      },
    });
    try {
      const after = await services.identification.history(northCoordinator, 'sch100002');
      expect(after.history.filter((event) => event.method === 'fioco').map((event) => event.event)).toEqual([
        'entered',
      ]);
      expect(after.current.find((verdict) => verdict.method === 'fioco')!.runId).toBe(run.runId);
    } finally {
      await db.prisma.identificationRun.delete({ where: { id: bare.id } });
    }
    // issue 10: a foreign school is refused exactly like an unknown code
    await expect(services.identification.history(northCoordinator, 'sch100020')).rejects.toMatchObject({
      key: 'schools-unknown-code',
    });
    await expect(services.identification.history(northCoordinator, 'sch999999')).rejects.toMatchObject({
      key: 'schools-unknown-code',
    });
  });

  it('the stored report of a run holds the same list as the run returned, cut to the reader’s scope', async () => {
    const summary = await services.identification.run(CLI_ACTOR, { methods: ['fioco'] });
    const run = done(summary.methods[0]);
    const forNorth = await services.identification.report(northCommittee, [run.runId]);
    const fromRun = run.verdicts.filter((verdict) => verdict.municipality === NORTH);
    expect(forNorth.runs[0]!.verdicts).toEqual(fromRun);
    expect(forNorth.runs[0]!.citations).toEqual(run.citations);
    const whole = await services.identification.report(CLI_ACTOR, [run.runId]);
    expect(whole.runs[0]!.verdicts).toEqual(run.verdicts);
    expect(whole.schoolsInScope).toBe(27);
    const latest = await services.identification.latest(CLI_ACTOR);
    expect(latest.runs.find((view) => view.method === 'fioco')!.runId).toBe(run.runId);
  });
});

describe('rerunAfterImport', () => {
  it('reruns the result methods per affected municipality and returns the changes with the coordinators to tell', async () => {
    const coordinator = await db.prisma.user.create({
      data: {
        telegramId: 5001n,
        firstName: 'Коорд',
        role: 'coordinator',
        regionId: ids.region.id,
        municipalityId: ids.south.id,
      },
    });
    await db.prisma.user.create({
      data: { telegramId: 5002n, firstName: 'Регион', role: 'coordinator', regionId: ids.region.id },
    });
    await db.prisma.user.create({
      data: {
        telegramId: 5003n,
        firstName: 'Север',
        role: 'coordinator',
        regionId: ids.region.id,
        municipalityId: ids.north.id,
      },
    });
    await db.prisma.user.create({
      data: {
        telegramId: 5004n,
        firstName: 'Комитет',
        role: 'committee',
        regionId: ids.region.id,
        municipalityId: ids.south.id,
      },
    });

    const first = await services.identification.rerunAfterImport([ids.south.id]);
    expect(first).toHaveLength(1);
    expect(first[0]!.municipality).toBe(SOUTH);
    expect(first[0]!.recipients.sort()).toEqual([5001, 5002]);
    const fioco = first[0]!.methods.find((method) => method.method === 'fioco')!;
    expect(fioco.hadPreviousRun).toBe(false);
    expect(fioco.entered.map((school) => school.code)).toEqual(
      expectedFor(SOUTH)
        .schools.filter((s) => s.flagged)
        .map((s) => s.code),
    );
    expect(first[0]!.methods.map((method) => method.method)).toEqual(['fioco', 'regional']);

    // nothing changed since: no change to announce
    clock.advance(60_000);
    const again = await services.identification.rerunAfterImport([ids.south.id]);
    expect(again[0]!.changed).toBe(false);

    // a school of the south drops out after new results
    await db.prisma.assessmentResult.updateMany({
      where: { schoolId: ids.schoolIds.get('sch100016')!, year: '2023/2024' },
      data: { failed: 0 },
    });
    clock.advance(60_000);
    const after = await services.identification.rerunAfterImport([ids.south.id, ids.south.id]);
    expect(after).toHaveLength(1);
    expect(after[0]!.changed).toBe(true);
    expect(after[0]!.methods.find((method) => method.method === 'fioco')!.left.map((school) => school.code)).toEqual([
      'sch100016',
    ]);
    const stored = await db.prisma.identificationRun.findFirst({
      where: { municipalityId: ids.south.id },
      orderBy: { id: 'desc' },
    });
    expect(stored?.actorLabel).toBe('system');
    expect(coordinator.id).toBeGreaterThan(0);
  });
});

describe('risk zone from the «Контекстные данные ОУ» questionnaire', () => {
  it('reads the latest submitted answers (percent → fraction, 1.3/physics → 1.3.physics); schools without them are «не хватает данных»', async () => {
    const version = await db.prisma.questionnaireVersion.create({
      data: { key: 'context-data', version: 1, title: 'Контекстные данные ОУ', source: 'seed 003', definition: {} },
    });
    const campaign = await db.prisma.campaign.create({
      data: {
        questionnaireVersionId: version.id,
        title: 'Контекстные данные 2026',
        deadline: new Date('2026-10-31'),
        reminderDays: [],
      },
    });
    const answersFor = (overrides: Record<string, boolean | number>) => {
      const base: Record<string, boolean | number> = {
        '1.1': true,
        '1.2': true,
        '1.3/physics': true,
        '1.3/chemistry': true,
        '1.3/biology': true,
        '1.3/geography': true,
        '1.3/technology': true,
        '2.1': 5,
        '2.2': 0,
        '3.1': 1,
        '3.2': 1,
        '3.3': 1,
        '3.4': 1,
        '4.1': 5,
        '4.2': 5,
        '4.3': 5,
        '4.4': 5,
        '4.5': 2,
      };
      return Object.entries({ ...base, ...overrides });
    };
    for (const [code, overrides] of [
      ['sch100001', { '2.1': 15, '1.3/physics': false }],
      ['sch100002', {}],
    ] as const) {
      const schoolId = ids.schoolIds.get(code)!;
      await db.prisma.campaignSchool.create({
        data: { campaignId: campaign.id, schoolId, status: 'submitted', submittedAt: clock.now() },
      });
      await db.prisma.answer.createMany({
        data: answersFor(overrides).map(([itemNumber, value]) => ({
          campaignId: campaign.id,
          schoolId,
          itemNumber,
          value,
          questionnaireVersion: 1,
        })),
      });
    }
    const summary = await services.identification.run(northCoordinator, { methods: ['risk'] });
    const run = done(summary.methods[0]);
    const byCode = new Map(run.verdicts.map((verdict) => [verdict.code, verdict]));
    expect(byCode.get('sch100001')).toMatchObject({ status: 'flagged', criteria: ['material-base', 'staff'] });
    expect(byCode.get('sch100001')!.evidence).toContainEqual({
      kind: 'answer',
      criterion: 'staff',
      item: '2.1',
      value: 0.15,
      threshold: 0.1,
      comparison: '>',
      source: 'questionnaire',
    });
    expect(byCode.get('sch100001')!.evidence).toContainEqual({
      kind: 'answer',
      criterion: 'material-base',
      item: '1.3.physics',
      value: false,
      source: 'questionnaire',
    });
    expect(byCode.get('sch100002')).toMatchObject({ status: 'clear', criteria: [] });
    expect(byCode.get('sch100003')).toMatchObject({ status: 'incomplete' });
    expect(run.verdicts).toHaveLength(14);
  });
});
