/**
 * The hand-checked ФИОКО dataset (test/fixtures/identification/fioco-dataset.json) put into a
 * database as the registry and the results import would leave it: schools in two municipalities,
 * result rows with the grade stored (ОГЭ 9, ЕГЭ 11 when the dataset leaves it empty).
 */
import { readFileSync } from 'node:fs';
import type { PrismaClient } from '../../src/db/client.ts';
import type { CliJson } from '../../src/domain/identification/index.ts';
import { effectiveGrade } from '../../src/domain/identification/index.ts';
import type { ResultRow } from '../../src/domain/results/types.ts';

const fixtures = new URL('../fixtures/identification/', import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')) as T;

export interface Dataset {
  schools: Array<{ code: string; name: string; covers: string }>;
  rows: ResultRow[];
}

export const dataset = readJson<Dataset>('fioco-dataset.json');
export const expectedFioco = readJson<CliJson>('fioco-expected.json');

export const NORTH = 'Северный район';
export const SOUTH = 'Южный район';
/** sch100001–sch100014 are in the north, the rest in the south. */
const municipalityOf = (code: string): string => (code <= 'sch100014' ? NORTH : SOUTH);

/** The expected CLI JSON cut to one municipality's schools. */
export function expectedFor(municipality: string): CliJson {
  return {
    ...expectedFioco,
    schools: expectedFioco.schools.filter((school) => municipalityOf(school.code) === municipality),
    missing: expectedFioco.missing.filter((gap) => municipalityOf(gap.code) === municipality),
  };
}

export async function loadDataset(prisma: PrismaClient, regionName: string) {
  const region = await prisma.region.upsert({ where: { name: regionName }, create: { name: regionName }, update: {} });
  const north = await prisma.municipality.create({ data: { regionId: region.id, name: NORTH } });
  const south = await prisma.municipality.create({ data: { regionId: region.id, name: SOUTH } });
  const ids = new Map<string, number>();
  for (const school of dataset.schools) {
    const created = await prisma.school.create({
      data: {
        code: school.code,
        municipalityId: municipalityOf(school.code) === NORTH ? north.id : south.id,
        fullName: school.name,
        shortName: school.name,
        type: 'СОШ',
        settlement: 'г. Тестовск',
        rural: false,
      },
    });
    ids.set(school.code, created.id);
  }
  await prisma.assessmentResult.createMany({
    data: dataset.rows.map((row) => ({
      schoolId: ids.get(row.schoolCode)!,
      year: row.year,
      kind: row.procedure.kind,
      subject: row.procedure.subject,
      grade: effectiveGrade(row.procedure)!,
      participants: row.participants,
      failed: row.failed,
    })),
  });
  return { region, north, south, schoolIds: ids };
}
