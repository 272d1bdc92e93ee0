/**
 * Issue #3 acceptance: each bad file gets its own message through the import service, and the
 * database is unchanged after each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderIssue } from '../../src/text/sheetIssues.ts';
import { CLI_ACTOR, type Services } from '../../src/services/index.ts';
import {
  KNOWN_SCHOOLS,
  csvFile,
  docxFile,
  encryptedWorkbook,
  goodRow,
  legacyXls,
  randomBytes,
  rawResults,
  resultsWorkbook,
  zipBomb,
} from '../fixtures/xlsx/build.ts';
import { openTestDatabase, testServices, type TestDatabase } from '../helpers/testDatabase.ts';

let db: TestDatabase;
let services: Services;

beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db);
  const region = await db.prisma.region.create({ data: { name: services.deps.settings.regionName } });
  const municipality = await db.prisma.municipality.create({ data: { regionId: region.id, name: 'Район' } });
  for (const [code, name] of KNOWN_SCHOOLS) {
    await db.prisma.school.create({
      data: {
        code,
        municipalityId: municipality.id,
        fullName: name,
        shortName: name,
        type: 'СОШ',
        settlement: '',
        rural: false,
      },
    });
  }
  // Something already stored, which a bad file must not disturb.
  const first = await services.results.importFile(CLI_ACTOR, await resultsWorkbook([goodRow()]));
  expect(first.ok).toBe(true);
});
afterAll(async () => db?.close());

async function snapshot() {
  return {
    results: await db.prisma.assessmentResult.findMany({ orderBy: { id: 'asc' } }),
    audit: await db.prisma.auditLog.count(),
    imports: await db.prisma.resultImport.count(),
  };
}

describe('bad files through the import service', () => {
  it('each gets its own message and leaves the database as it was', async () => {
    const good = await resultsWorkbook([goodRow({ failed: 2 })]);
    const files: Record<string, Uint8Array> = {
      xls: legacyXls(),
      encrypted: encryptedWorkbook(),
      csv: csvFile(),
      docx: docxFile(),
      random: randomBytes(4096),
      truncated: good.subarray(0, Math.floor(good.length / 2)),
      zipBomb: zipBomb(300),
      tooManyRows: rawResults(
        (function* () {
          for (let i = 0; i < 200_001; i++) yield goodRow() as never;
        })(),
      ),
      hugeCell: rawResults([['2023/2024', 'sch100001', null, 'ВПР', { inline: 'я'.repeat(40_000) }, 5, 28, 3]]),
      formulaWithoutValue: rawResults([
        ['2023/2024', 'sch100001', null, 'ВПР', 'Математика', 5, { formula: 'SUM(J2:M2)' }, 3],
      ]),
      emptySheet: rawResults([]),
    };
    const before = await snapshot();
    const messages = new Map<string, string>();
    for (const [kind, bytes] of Object.entries(files)) {
      const outcome = await services.results.importFile(CLI_ACTOR, bytes, { offThread: false });
      expect(outcome.ok, kind).toBe(false);
      const error = outcome.issues.find((issue) => issue.severity === 'error')!;
      messages.set(kind, renderIssue(error));
      expect(await snapshot(), kind).toEqual(before);
    }
    // Every kind of problem reads differently.
    expect(new Set(messages.values()).size).toBe(messages.size);
  });
});
