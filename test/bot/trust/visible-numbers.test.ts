/**
 * Issue 10: the numbers people see for campaigns and invites are per territory and allocated in
 * the creating transaction — not database sequences, which count every municipality together and
 * skip after a crash («campaign #3 → #36, invite #8 → #36»). Buttons keep ids internally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../../support/botDriver.ts';
import { command, textMessage, user } from '../../support/updates.ts';
import {
  BORIS,
  buttonTexts,
  lastKeyboard,
  launchFor,
  registerPerson,
  startDistrictBot,
} from '../../helpers/campaigns.ts';
import type { TestBot } from '../../helpers/testBot.ts';
import { CLI_ACTOR } from '../../../src/services/index.ts';

const boris = BORIS;
const regional = user(2002, 'Ольга');

let h: TestBot;
beforeAll(async () => {
  h = await startDistrictBot();
  await registerPerson(h.services, regional.id, 'coordinator', {}, 'Ольга');
});
afterAll(async () => h?.close());

/** What a crash between nextval() and COMMIT leaves: sequence values used up by nothing. */
async function burnIds(table: 'Campaign' | 'Invite', count: number) {
  await h.db.prisma.$queryRawUnsafe(
    `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT COALESCE(MAX("id"), 0) + ${count} FROM "${table}"))`,
  );
}

describe('visible numbers', () => {
  it('campaigns: numbered per municipality, without gaps after lost ids; /campaigns N takes the number', async () => {
    // Ельня's campaign and a region-wide one from the command line, then ids lost to a crash
    await launchFor(h.services, 'context-data', { schools: ['sch670001'], title: 'Ельнинский 1' });
    await launchFor(h.services, 'context-data', { schools: ['sch710002', 'sch670001'], title: 'Областной 1' });
    await burnIds('Campaign', 33);

    let calls = await h.driver.send(command(boris, '/launch'));
    calls = await h.driver.click(boris, lastKeyboard(calls), /^Контекстные данные ОУ/);
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Выбрать школы');
    calls = await h.driver.send(textMessage(boris, 'sch710001'));
    calls = await h.driver.send(textMessage(boris, '15.12'));
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Как обычно');
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Запустить');
    expect(sentTexts(calls).join('\n')).toContain('Мониторинг № 1 «Контекстные данные ОУ» запущен');
    const created = await h.db.prisma.campaign.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(created.id).toBeGreaterThan(30); // the id moved on; the number did not

    calls = await h.driver.send(command(boris, '/campaigns'));
    const list = lastKeyboard(calls);
    expect(list.text).toContain('№ 1 «Контекстные данные ОУ»');
    expect(buttonTexts(list)).toEqual(['№ 1 Контекстные данные ОУ']);
    expect(JSON.stringify(list.reply_markup)).toContain(`cmp:v:${created.id}`); // ids stay internal

    calls = await h.driver.send(command(boris, '/campaigns', '1'));
    expect(sentTexts(calls).join('\n')).toContain('Мониторинг № 1 «Контекстные данные ОУ»');
    calls = await h.driver.send(command(boris, '/campaigns', String(created.id)));
    expect(sentTexts(calls).join('\n')).toContain(`Мониторинга № ${created.id} нет в вашей зоне`);

    // a region-wide coordinator sees three «№ 1» (Ельня's, the region's, Дубна's) and chooses
    calls = await h.driver.send(command(regional, '/campaigns', '1'));
    const choice = lastKeyboard(calls);
    expect(choice.text).toContain('Под № 1 3 мониторинга');
    expect(buttonTexts(choice).join('\n')).toContain('«Ельнинский 1»');
    expect(buttonTexts(choice).join('\n')).toContain('«Областной 1»');
    expect(buttonTexts(choice).join('\n')).toContain('«Контекстные данные ОУ»');
  });

  it('invites: numbered per territory; the list, the revoke button and its answer show the number', async () => {
    await h.services.invites.create(CLI_ACTOR, { role: 'coordinator', scope: { kind: 'region' } });
    await h.services.invites.create(CLI_ACTOR, {
      role: 'coordinator',
      scope: { kind: 'municipality', name: 'Ельнинский район' },
    });
    await burnIds('Invite', 33);
    const invite = await h.services.invites.create(CLI_ACTOR, {
      role: 'director',
      scope: { kind: 'school', code: 'sch710001' },
    });
    expect(invite.number).toBe(1);
    expect(invite.id).toBeGreaterThan(30);

    const calls = await h.driver.send(command(boris, '/invites'));
    const list = lastKeyboard(calls);
    expect(list.text).toContain('№ 1 · ');
    expect(list.text).not.toContain(`№ ${invite.id}`);
    expect(buttonTexts(list)).toEqual(['Отозвать № 1']);
    const revoked = await h.driver.click(boris, list, 'Отозвать № 1');
    expect(sentTexts(revoked).join('\n')).toContain('Приглашение № 1 отозвано');
  });
});
