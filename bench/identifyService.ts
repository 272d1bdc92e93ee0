/**
 * `npm run bench:identify-db [-- SCHOOLS]` — `runIdentification` end to end on the embedded
 * database (issue #4: "runs over the whole data with many schools must stay fast"): synthetic
 * schools in 20 municipalities × 9 ФИОКО procedures × 3 years, then the run for the whole region
 * (load + domain + storing every verdict) and for one municipality. Default 10,000 schools.
 * Set DATABASE_URL to measure on PostgreSQL instead (a scratch database: the bench fills it).
 * Prints figures, asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { FIOCO_DEFAULT_PROCEDURES } from '../src/domain/identification/index.ts';
import { CLI_ACTOR, createServices } from '../src/services/index.ts';
import { seededRandom } from '../test/helpers/regionSample.ts';

const SCHOOLS = Number(process.argv[2] ?? 10_000);
const MUNICIPALITIES = 20;
const YEARS = ['2021/2022', '2022/2023', '2023/2024'];

// The embedded server in a throwaway DATA_DIR unless DATABASE_URL names a server.
const scratch = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'kurator-bench-identify-'));
const db = await openDatabase(
  scratch ? { kind: 'embedded', dataDir: scratch } : { kind: 'postgres', url: process.env.DATABASE_URL! },
  { migrate: true, stopServerOnClose: true },
);
const services = createServices({
  prisma: db.prisma,
  now: () => new Date(),
  settings: { adminTelegramIds: [], inviteTtlDays: 7, regionName: 'Бенчмарк' },
});
const { prisma } = db;

let started = performance.now();
const region = await prisma.region.create({ data: { name: `Бенчмарк ${Date.now()}` } });
const municipalities: Array<{ id: number }> = [];
for (let m = 0; m < MUNICIPALITIES; m++)
  municipalities.push(await prisma.municipality.create({ data: { regionId: region.id, name: `Район ${m + 1}` } }));
const schoolRows = Array.from({ length: SCHOOLS }, (_, i) => ({
  code: `sch${String(500000 + i)}`,
  municipalityId: municipalities[i % MUNICIPALITIES]!.id,
  fullName: `МБОУ СОШ № ${i + 1}`,
  shortName: `СОШ № ${i + 1}`,
  type: 'СОШ',
  settlement: 'п. Тест',
  rural: i % 3 === 0,
}));
await prisma.school.createMany({ data: schoolRows });
const schools = await prisma.school.findMany({
  where: { municipality: { regionId: region.id } },
  select: { id: true },
});
const next = seededRandom(42);
let rows = 0;
// One INSERT per year × procedure (createMany is an order of magnitude slower on PGlite).
for (const year of YEARS) {
  for (const spec of FIOCO_DEFAULT_PROCEDURES) {
    const participants: number[] = [];
    const failed: number[] = [];
    const means: Array<number | null> = [];
    for (let i = 0; i < schools.length; i++) {
      const count = 5 + Math.floor(next() * 116);
      participants.push(count);
      failed.push(Math.min(count, Math.round(count * next() ** 8 * 0.42)));
      means.push(spec.kind === 'VPR' ? null : 10 + next() * 20);
    }
    const grade = spec.grade ?? (spec.kind === 'OGE' ? 9 : 11);
    await prisma.$executeRaw`
      INSERT INTO "AssessmentResult" ("schoolId", year, kind, subject, grade, participants, failed, "meanScore", "updatedAt")
      SELECT s, ${year}, ${spec.kind}::"AssessmentKind", ${spec.subjects[0]!}, ${grade}, p, f, m, now()
      FROM unnest(${schools.map((school) => school.id)}::int[], ${participants}::int[], ${failed}::int[], ${means}::float8[]) AS t(s, p, f, m)`;
    rows += schools.length;
  }
}
console.log(
  `filled ${SCHOOLS.toLocaleString('en')} schools, ${rows.toLocaleString('en')} result rows in ${((performance.now() - started) / 1000).toFixed(1)} s (${db.target.kind})`,
);

const coordinator = {
  userId: null,
  role: 'coordinator' as const,
  scope: { kind: 'municipality' as const, regionId: region.id, municipalityId: municipalities[0]!.id },
};
const cases = [
  ['fioco, whole region', () => services.identification.run(CLI_ACTOR, { methods: ['fioco'] })],
  ['fioco, whole region (2nd run: diff)', () => services.identification.run(CLI_ACTOR, { methods: ['fioco'] })],
  [
    'all methods, whole region',
    () => services.identification.run(CLI_ACTOR, { methods: ['fioco', 'risk', 'regional', 'social'] }),
  ],
  [
    'all methods, one municipality',
    () => services.identification.run(coordinator, { methods: ['fioco', 'risk', 'regional', 'social'] }),
  ],
  [
    'rerunAfterImport, all municipalities',
    () => services.identification.rerunAfterImport(municipalities.map((m) => m.id)),
  ],
] as const;
console.log('\ncase                                    time');
for (const [name, work] of cases) {
  started = performance.now();
  const result = await work();
  const flagged =
    'methods' in result
      ? result.methods
          .map((outcome) =>
            outcome.state === 'done'
              ? `${outcome.method} ${outcome.run.counts.flagged}/${outcome.run.counts.evaluated}`
              : `${outcome.method} —`,
          )
          .join(', ')
      : `${result.length} municipalities`;
  console.log(`${name.padEnd(40)}${`${((performance.now() - started) / 1000).toFixed(2)} s`.padEnd(10)}${flagged}`);
}
console.log(`RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
await db.close();
if (scratch) rmSync(scratch, { recursive: true, force: true });
