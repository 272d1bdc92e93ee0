/**
 * Issue 10 «Campaigns and forms»: /launch keeps asking for a date and accepts «15.12»; it warns
 * about schools with nobody to answer and about a campaign already open; «Продлить срок»
 * refuses an earlier date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../../support/botDriver.ts';
import { command, textMessage, user } from '../../support/updates.ts';
import { buttonTexts, lastKeyboard, registerPerson } from '../../helpers/campaigns.ts';
import { seedSchools, startTestBot, type TestBot } from '../../helpers/testBot.ts';

const boris = user(2001, 'Борис');
const vera = user(3001, 'Вера');

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await registerPerson(h.services, boris.id, 'coordinator', { municipality: 'Дубенский район' }, 'Борис');
  await registerPerson(h.services, vera.id, 'director', { school: 'sch710001' }, 'Вера');
});
afterAll(async () => h?.close());

async function launchUntilConfirm(dates: string[]) {
  let calls = await h.driver.send(command(boris, '/launch'));
  calls = await h.driver.click(boris, lastKeyboard(calls), /^Контекстные данные ОУ/);
  calls = await h.driver.click(boris, lastKeyboard(calls), 'Все школы (2)');
  const answers: string[] = [];
  for (const date of dates) {
    calls = await h.driver.send(textMessage(boris, date));
    answers.push(sentTexts(calls).join('\n'));
  }
  calls = await h.driver.click(boris, lastKeyboard(calls), 'Как обычно');
  return { answers, confirm: lastKeyboard(calls) };
}

describe('launching and extending', () => {
  let campaignId = 0;

  it('bad dates are asked again (not abandoned after three); «15.12» is the next 15 December; nobody-to-answer is warned', async () => {
    const { answers, confirm } = await launchUntilConfirm(['31.02.2026', 'завтра', '01.11.2026', 'скоро', '15.12']);
    for (const answer of answers.slice(0, 4)) expect(answer).not.toContain('Начните заново');
    expect(answers[4]).toContain('Напоминания');
    expect(confirm.text).toContain('Срок: до 15.12.2026');
    expect(confirm.text).toContain('Некому отвечать в 1 школе: sch710002 Воскресенская СОШ');
    const calls = await h.driver.click(boris, confirm, 'Запустить');
    campaignId = (await h.db.prisma.campaign.findFirstOrThrow({ orderBy: { id: 'desc' } })).id;
    expect(sentTexts(calls).join('\n')).toContain('«Контекстные данные ОУ» запущен');
  });

  it('a second launch of the same questionnaire for the same schools is warned about first', async () => {
    const { confirm } = await launchUntilConfirm(['20.12']);
    expect(confirm.text).toContain('Эта анкета уже собирается в 2 школах из 2');
    expect(buttonTexts(confirm)).toContain('Запустить');
    await h.driver.click(boris, confirm, 'Отмена');
    expect(await h.db.prisma.campaign.count()).toBe(1);
  });

  it('«Продлить срок» refuses a date earlier than the current deadline and asks again', async () => {
    let calls = await h.driver.send(command(boris, '/campaigns', String(campaignId)));
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Продлить срок');
    calls = await h.driver.send(textMessage(boris, '10.12.2026'));
    const refusal = sentTexts(calls).join('\n');
    expect(refusal).toContain('раньше нынешнего срока');
    expect(refusal).not.toContain('продлён');
    const campaign = await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.deadline.toISOString()).toBe('2026-12-15T20:59:59.999Z');
    calls = await h.driver.send(textMessage(boris, '20.12'));
    expect(sentTexts(calls).join('\n')).toContain('20.12.2026');
    await expect(
      h.services.campaigns.extend(
        { userId: null, role: 'admin', scope: { kind: 'all' } },
        campaignId,
        new Date('2026-12-01T20:59:59.999Z'),
      ),
    ).rejects.toMatchObject({ key: 'campaigns-extend-earlier' });
  });
});
