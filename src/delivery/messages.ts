/**
 * Renders an outbox row (kind + plain-JSON payload) into the Telegram message, at send time.
 * Services write payloads; the Russian text lives here and in locales/ru/*.ftl.
 */
import { InlineKeyboard } from 'grammy';
import { calendarLaunchData } from '../callbackData.ts';
import { endOfDay } from '../domain/campaigns/schedule.ts';
import { failShareChartPng } from '../documents/charts/failShareChart.ts';
import { digestKeyboard } from '../bot/keyboards/digest.ts';
import { digestChart, digestChartCaption, digestText } from '../text/digest.ts';
import { announcementText } from '../text/identification.ts';
import { formatDate } from '../bot/format.ts';
import { openFormKeyboard } from '../bot/keyboards/forms.ts';
import { t } from '../i18n.ts';
import { reminderText } from '../scheduler/reminders.ts';
import type { OutboxPayload } from '../services/outbox.ts';

export interface RenderedMessage {
  /** the message, or the photo's caption (≤ 1024 characters) */
  text: string;
  keyboard?: InlineKeyboard;
  /** a picture: the same `key` is rendered and uploaded once, then sent by file_id */
  photo?: { key: string; fileName: string; render: () => Uint8Array };
}

export function renderMessage(payload: OutboxPayload, now: Date): RenderedMessage {
  switch (payload.kind) {
    case 'campaign.invitation':
      return {
        text: t('campaigns-invitation', {
          title: payload.title,
          school: payload.school,
          deadline: formatDate(payload.deadline),
        }),
        keyboard: openFormKeyboard(t, payload.campaignId),
      };
    case 'campaign.reminder':
      return {
        text: reminderText({ title: payload.title, deadline: new Date(payload.deadline), offset: payload.offset }, now),
        keyboard: openFormKeyboard(t, payload.campaignId),
      };
    case 'campaign.extended':
      return {
        text: t('campaigns-extended-notice', { title: payload.title, deadline: formatDate(payload.deadline) }),
        keyboard: openFormKeyboard(t, payload.campaignId),
      };
    case 'campaign.reopened':
      return {
        text: t('campaigns-reopened-notice', { title: payload.title }),
        keyboard: openFormKeyboard(t, payload.campaignId),
      };
    case 'identification.changes':
      return { text: announcementText(t, payload.change) };
    case 'calendar.notice':
      return {
        text: t(payload.audience === 'listed' ? 'calendar-time-listed' : 'calendar-time-all', {
          title: payload.title,
          deadline: formatDate(endOfDay(payload.deadline)),
        }),
        keyboard: new InlineKeyboard().text(
          t('calendar-button-launch'),
          calendarLaunchData.pack({ key: payload.formKey }),
        ),
      };
    case 'roadmap.reminder':
      return {
        text: t(payload.offset < 0 ? 'roadmap-reminder-overdue' : 'roadmap-reminder-before', {
          id: payload.itemId,
          number: payload.number,
          title: payload.title,
          date: formatDate(endOfDay(payload.dueDate)),
          responsible: payload.responsible,
        }),
      };
    case 'digest': {
      const keyboard = digestKeyboard(t, payload.content);
      return { text: digestText(t, payload.content), ...(keyboard ? { keyboard } : {}) };
    }
    case 'digest.chart': {
      const chart = payload.content.chart;
      return {
        text: digestChartCaption(t, payload.content),
        photo: {
          key: payload.chartKey,
          fileName: 'chart.png',
          render: () => (chart ? failShareChartPng(digestChart(t, payload.content)) : new Uint8Array()),
        },
      };
    }
    case 'launch.summary': {
      const total = payload.sent + payload.blocked.length + payload.failed + payload.unknown;
      const lines = [
        t('delivery-launch-summary', {
          id: payload.number ?? payload.campaignId,
          title: payload.title,
          sent: payload.sent,
          total,
        }),
      ];
      if (payload.blocked.length > 0)
        lines.push(
          t('delivery-launch-summary-blocked', {
            count: payload.blocked.length,
            schools: [...new Set(payload.blocked.map((entry) => entry.school))].join(', ').slice(0, 2500),
          }),
        );
      if (payload.failed > 0) lines.push(t('delivery-launch-summary-failed', { count: payload.failed }));
      if (payload.unknown > 0) lines.push(t('delivery-launch-summary-unknown', { count: payload.unknown }));
      // the list itself is in the launch message already (QA: it came twice); here only how many
      if (payload.withoutResponders.length > 0)
        lines.push(t('delivery-launch-summary-without', { count: payload.withoutResponders.length }));
      return { text: lines.join('\n\n') };
    }
  }
}
