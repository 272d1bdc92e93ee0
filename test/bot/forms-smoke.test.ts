import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../support/botDriver.ts';
import { command, textMessage, user } from '../support/updates.ts';
import { seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';
import { launchFor, lastKeyboard, registerPerson, buttonTexts } from '../helpers/campaigns.ts';

const vera = user(3001, 'Вера');
let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await registerPerson(h.services, vera.id, 'director', { school: 'sch710001' }, 'Вера');
  await launchFor(h.services, 'context-data', { schools: ['sch710001'] });
});
afterAll(async () => h?.close());

describe('smoke', () => {
  it('runs', async () => {
    let calls = await h.driver.send(command(vera, '/forms'));
    console.log(sentTexts(calls).join('\n---\n'));
    let msg = lastKeyboard(calls);
    console.log(buttonTexts(msg));
    for (let i = 0; i < 7; i++) {
      calls = await h.driver.click(vera, msg, 'Да');
      msg = lastKeyboard(calls);
    }
    console.log(sentTexts(calls).join('\n---\n'));
    for (let i = 0; i < 12; i++) {
      calls = await h.driver.send(textMessage(vera, i === 0 ? 'abc' : '12,5'));
      if (i < 2) console.log(sentTexts(calls).join('\n---\n'));
    }
    console.log(sentTexts(calls).join('\n---\n'));
    msg = lastKeyboard(calls);
    console.log(buttonTexts(msg));
    calls = await h.driver.click(vera, msg, /Отправить/);
    console.log(sentTexts(calls).join('\n---\n'));
    const state = await h.db.prisma.botSession.findMany();
    console.log(state.map((s) => `${s.key} ${s.value.length}`));
  });
});
