/** Issue 10 «Small leaks»: nothing of another municipality reaches a coordinator, not even its existence. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../../support/botDriver.ts';
import { callbackQuery, command, user } from '../../support/updates.ts';
import {
  ADMIN_ID,
  registerCoordinator,
  seedSchools,
  sendFile,
  startTestBot,
  type TestBot,
} from '../../helpers/testBot.ts';
import { resultsSheet } from '../../helpers/workbooks.ts';

const admin = user(ADMIN_ID, 'Анна');
const coordinator = user(2001, 'Борис');

let h: TestBot;
let yelnyaId = 0;
beforeAll(async () => {
  h = await startTestBot();
  const seeded = await seedSchools(h.services);
  yelnyaId = seeded.yelnya.id;
  await registerCoordinator(h, coordinator);
});
afterAll(async () => h?.close());

const upload = (bytes: Uint8Array, fileName: string) => sendFile(h, coordinator, bytes, fileName);

describe('scope leaks', () => {
  it("a results file with another municipality's school never quotes that school's registry name", async () => {
    const bytes = await resultsSheet([
      ['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ВПР', 'Математика', 5, 28, 9],
      ['2023/2024', 'sch670001', 'Какая-то школа', 'ВПР', 'Математика', 5, 20, 2],
    ]);
    const texts = sentTexts(await upload(bytes, 'впр.xlsx')).join('\n');
    expect(texts).toContain('sch670001');
    expect(texts).not.toContain('Ельнинская');
  });

  it('/status answers a foreign code exactly as an unknown one', async () => {
    const foreign = sentTexts(await h.driver.send(command(coordinator, '/status', 'sch670001'))).join('\n');
    const unknown = sentTexts(await h.driver.send(command(coordinator, '/status', 'sch679999'))).join('\n');
    expect(foreign).toBe(unknown.replace('sch679999', 'sch670001'));
    expect(foreign).toContain('нет в вашей зоне');
  });

  it("a forged report callback for another municipality's run is refused, no file is sent", async () => {
    const adminPerson = await h.services.people.find(admin);
    const school = await h.services.deps.prisma.school.findUniqueOrThrow({ where: { code: 'sch670001' } });
    for (const [year, subject] of [
      ['2023/2024', 'Математика'],
      ['2023/2024', 'Русский язык'],
    ] as const) {
      await h.services.deps.prisma.assessmentResult.create({
        data: { schoolId: school.id, year, kind: 'VPR', subject, grade: 5, participants: 20, failed: 10 },
      });
    }
    const summary = await h.services.identification.run(
      { userId: adminPerson!.userId, role: 'admin', scope: { kind: 'all' } },
      { methods: ['fioco'], municipalityId: yelnyaId },
    );
    const runIds = summary.methods.flatMap((m) => (m.state === 'done' ? [m.run.runId] : []));
    expect(runIds.length).toBeGreaterThan(0);
    const calls = await h.driver.send(callbackQuery(coordinator, `idn:x:${runIds.join('.')}`));
    expect(calls.some((c) => c.method === 'sendDocument')).toBe(false);
    expect(sentTexts(calls).join('\n')).toContain('вне вашей зоны');
  });
});
