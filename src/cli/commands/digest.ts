/**
 * `kurator digest` (issue 13 §1): `--preview [--municipality NAME]` prints this week's digest;
 * `send` records what is due and delivers the outbox — the same exactly-once record and the same
 * sender as the bot's, for cron-style deployments.
 */
import type { Command } from 'commander';
import { parseConfig } from '../../config.ts';
import { t } from '../../i18n.ts';
import { CLI_ACTOR, UserError } from '../../services/index.ts';
import { digestText } from '../../text/digest.ts';
import { deliverOutbox } from '../context.ts';

export function digestCommand(program: Command): void {
  program
    .command('digest')
    .description('Еженедельная сводка комитета: --preview — показать, send — отправить то, что пора')
    .argument('[action]', 'send — отправить сводки, которые пора отправить')
    .option('--preview', 'напечатать сводку этой недели')
    .option('--municipality <name>', 'сводка муниципалитета (по умолчанию — весь регион)')
    .action(async (action: string | undefined, options: { preview?: boolean; municipality?: string }) => {
      const config = parseConfig(process.env, { requireBotToken: false });
      if (action !== undefined && action !== 'send') throw new UserError('cli-digest-usage', { action });
      if (action === undefined && !options.preview) throw new UserError('cli-digest-usage', { action: '' });
      if (action === 'send' && !config.botToken) throw new UserError('cli-digest-no-token');
      const clockShift = config.clockStart ? config.clockStart.getTime() - Date.now() : 0;
      const { openApp } = await import('../../app.ts');
      const app = await openApp(config, { requireUpToDate: true, now: () => new Date(Date.now() + clockShift) });
      try {
        if (action !== 'send') {
          const content = await app.services.digest.previewForActor(CLI_ACTOR, options.municipality);
          process.stdout.write(`${digestText(t, content)}\n`);
          return;
        }
        const before = await app.services.digest.counts();
        await app.services.digest.prepareDue();
        await deliverOutbox(app, config);
        const counts = await app.services.digest.counts();
        process.stdout.write(
          `${t('cli-digest-sent', {
            week: counts.week,
            sent: counts.sent - before.sent,
            pending: counts.pending,
            failed: counts.failed - before.failed,
            total: counts.sent,
          })}\n`,
        );
      } finally {
        await app.db.close();
      }
    });
}
