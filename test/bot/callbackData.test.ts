/** Buttons through their codecs (src/callbackData.ts): forged or garbled data gets a specific answer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'grammy/types';
import {
  campaignData,
  formStepData,
  identificationReportData,
  inviteCancelData,
  inviteRoleData,
  inviteScopeData,
  launchData,
  resultsUploadData,
  statusPageData,
} from '../../src/callbackData.ts';
import { callbackQuery, privateChat, user } from '../support/updates.ts';
import { registerCoordinator, seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';

describe('callback data codecs', () => {
  it('pack and unpack are inverse, in the format buttons already sent carry', () => {
    expect(campaignData.reopenSchool.pack({ id: 12, code: 'sch710001' })).toBe('cmp:ro:12:sch710001');
    expect(campaignData.reopenSchool.unpack('cmp:ro:12:sch710001')).toEqual({ id: 12, code: 'sch710001' });
    expect(identificationReportData.unpack(identificationReportData.pack({ runIds: [3, 4, 5] }))).toEqual({
      runIds: [3, 4, 5],
    });
    expect(resultsUploadData.unpack('res:mine:0a1b2c3d')).toEqual({ action: 'mine', token: '0a1b2c3d' });
  });

  it('garbled data with a known prefix unpacks to null, never to NaN or a partial value', () => {
    for (const data of ['cmp:x:abc', 'cmp:x:', 'cmp:x', 'cmp:x:1:2', 'cmp:x:99999999999', 'cmp:x:0'])
      expect(campaignData.export.unpack(data), data).toBeNull();
    expect(statusPageData.unpack('st:o:0')).toBeNull();
    expect(identificationReportData.unpack('idn:x:1..2')).toBeNull();
    expect(resultsUploadData.unpack('res:maybe:0a1b2c3d')).toBeNull();
    // the filter catches them all (so they reach the garbled answer), and not a neighbour's prefix
    expect(campaignData.export.filter.test('cmp:x:abc')).toBe(true);
    expect(campaignData.close.filter.test('cmp:cc:5')).toBe(false);
    expect(campaignData.close.filter.test('cmp:cn')).toBe(false);
  });

  it('conversation buttons keep the wire format stored conversations and sent messages carry', () => {
    expect(inviteRoleData.pack({ role: 'director' })).toBe('inv:role:director');
    expect(inviteScopeData.pack({ scope: 'region' })).toBe('inv:scope:region');
    expect(inviteScopeData.pack({ scope: 3 })).toBe('inv:scope:m3');
    expect(inviteScopeData.unpack('inv:scope:m12')).toEqual({ scope: 12 });
    expect(inviteCancelData.pack({})).toBe('inv:cancel');
    expect(inviteRoleData.unpack('inv:role:king')).toBeNull();
    expect(launchData.questionnaire.pack({ index: 0 })).toBe('lch:q:0');
    expect(launchData.schoolSet.unpack('lch:set:shnor-list')).toEqual({ id: 'shnor-list' });
    expect(launchData.defaultReminders.pack({})).toBe('lch:rem');
    expect(formStepData.pack({ campaign: 7, at: 12, action: 'o3' })).toBe('f:7:12:o3');
    expect(formStepData.unpack('f:7:r:send')).toEqual({ campaign: 7, at: 'review', action: 'send' });
    // only well-formed data wakes a waiting conversation; the rest gets the step's hint
    expect(launchData.cancel.exact.test('lch:cancel')).toBe(true);
    expect(launchData.cancel.exact.test('lch:cancel:1')).toBe(false);
    expect(formStepData.unpack('f:7:x:send')).toBeNull();
  });

  it("pack refuses data over Telegram's 64 bytes or outside its own shape", () => {
    expect(() => campaignData.reopenSchool.pack({ id: 1, code: 'x'.repeat(60) })).toThrow(/64 bytes/);
    expect(() => statusPageData.pack({ page: 0 })).toThrow();
  });
});

describe('garbled and unknown buttons in the bot', () => {
  const coordinator = user(2001, 'Борис');
  let h: TestBot;

  beforeAll(async () => {
    h = await startTestBot();
    await seedSchools(h.services);
    await registerCoordinator(h, coordinator);
  });
  afterAll(async () => h?.close());

  /** A message that still shows the button, as Telegram sends it with the callback query. */
  const withButton = (text: string, data: string) =>
    ({
      message_id: 77,
      date: Math.floor(Date.now() / 1000),
      chat: privateChat(coordinator),
      text: '…',
      reply_markup: { inline_keyboard: [[{ text, callback_data: data }]] },
    }) as Message;

  it('a campaign button with a forged id names the button, does nothing and sends no file', async () => {
    const calls = await h.driver.send(
      callbackQuery(coordinator, 'cmp:x:abc', { message: withButton('Выгрузить ответы', 'cmp:x:abc') }),
    );
    const answer = calls.find((call) => call.method === 'answerCallbackQuery');
    expect(answer?.payload).toMatchObject({ show_alert: true });
    expect(String(answer?.payload.text)).toBe(
      'Данные кнопки «Выгрузить ответы» повреждены — ничего не сделано. Откройте раздел заново командой (список команд — /help).',
    );
    expect(calls.map((call) => call.method)).toEqual(['answerCallbackQuery']);
  });

  it('a report button with a cut run list is refused the same way, without the label when the message is gone', async () => {
    const calls = await h.driver.send(callbackQuery(coordinator, 'idn:x:12.'));
    const answer = calls.find((call) => call.method === 'answerCallbackQuery');
    expect(String(answer?.payload.text)).toMatch(/^Данные этой кнопки повреждены — ничего не сделано\./);
    expect(calls.some((call) => call.method === 'sendDocument')).toBe(false);
  });

  it('a stranger pressing a well-formed button gets the invitation notice and no data', async () => {
    const calls = await h.driver.send(callbackQuery(user(9001, 'Гость'), campaignData.export.pack({ id: 1 })));
    expect(calls.map((call) => call.method)).toEqual(['answerCallbackQuery']);
    expect(calls[0]!.payload).toMatchObject({ show_alert: true });
    expect(String(calls[0]!.payload.text)).toContain('Доступ открывается только по приглашению');
  });

  it('data no button of this bot carries: the button is out of date', async () => {
    const calls = await h.driver.send(callbackQuery(coordinator, 'zzz:1'));
    const answer = calls.find((call) => call.method === 'answerCallbackQuery');
    expect(String(answer?.payload.text)).toContain('Эта кнопка больше не действует');
    expect(calls).toHaveLength(1);
  });
});
