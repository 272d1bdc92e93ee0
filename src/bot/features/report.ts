/**
 * /report (issue #12), for coordinators, committee members and administrators:
 * - `/report [год]` — the .xlsx workbook of their scope;
 * - `/report справка [год]` — the «аналитическая справка» (.docx).
 * A director is refused by the service (report.read); a scope with missing data still gets the
 * document, which says what is missing.
 */
import { Composer, InputFile } from 'grammy';
import { writeSpravka } from '../../documents/docx/spravka.ts';
import { writeReportWorkbook } from '../../documents/xlsx-report/writeReport.ts';
import { actorOf } from '../../services/index.ts';
import { missingSummary } from '../../text/reports.ts';
import type { RegisteredContext } from '../context.ts';

const SPRAVKA = /^(справк[аиу]|docx)$/iu;

const fileName = (text: string) => text.replace(/[\\/:*?"<>|]/g, ' ');

export function reportFeature() {
  const feature = new Composer<RegisteredContext>();
  const privateChats = feature.chatType('private');

  privateChats.command('report', async (ctx) => {
    const words = ctx.match.trim().split(/\s+/).filter(Boolean);
    const spravka = words.length > 0 && SPRAVKA.test(words[0]!);
    const rest = spravka ? words.slice(1) : words;
    if (rest.length > 1) {
      await ctx.reply(ctx.t('report-usage'));
      return;
    }
    await ctx.replyWithChatAction('upload_document');
    const data = await ctx.services.reports.data(actorOf(ctx.person), { year: rest[0] });
    const vars = { scope: data.scope.name, year: data.year };
    if (spravka) {
      const bytes = await writeSpravka(data, ctx.t);
      await ctx.replyWithDocument(
        new InputFile(
          bytes,
          fileName(`Аналитическая справка — ${data.scope.name}, ${data.year.replace('/', '-')}.docx`),
        ),
        {
          caption: ctx.t('report-docx-caption', vars),
        },
      );
    } else {
      const bytes = await writeReportWorkbook(data, ctx.t);
      await ctx.replyWithDocument(
        new InputFile(bytes, fileName(`Отчёт — ${data.scope.name}, ${data.year.replace('/', '-')}.xlsx`)),
        {
          caption: ctx.t('report-xlsx-caption', vars),
        },
      );
    }
    const missing = missingSummary(ctx.t, data);
    if (missing) await ctx.reply(missing);
  });

  return feature;
}
