/**
 * Roadmaps from the terminal (issue 13 §2): `import roadmap FILE [--dry-run] [--title T]
 * [--municipality NAME]`, `template roadmap --out FILE`, `roadmap [--municipality NAME]
 * [--done ID --comment TEXT | --reopen ID]`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { renderIssueList } from '../../text/sheetIssues.ts';
import { t } from '../../i18n.ts';
import { CLI_ACTOR, UserError } from '../../services/index.ts';
import { digestScopeFor } from '../../services/committeeChats.ts';
import { roadmapLines } from '../../text/roadmap.ts';
import { print, withApp } from '../context.ts';

export function roadmapCommands(program: Command): void {
  const importCommand = program.commands.find((command) => command.name() === 'import')!;
  importCommand
    .command('roadmap <file>')
    .description('Дорожная карта: №, Мероприятие, Срок, Ответственный, Ожидаемый результат')
    .option('--dry-run', 'только проверить, ничего не записывать')
    .option('--title <text>', 'название (по умолчанию — имя файла)')
    .option('--municipality <name>', 'муниципалитет (по умолчанию — весь регион)')
    .action((file: string, options: { dryRun?: boolean; title?: string; municipality?: string }) =>
      withApp(async (app) => {
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await readFile(file));
        } catch {
          throw new UserError('cli-file-not-found', { path: file });
        }
        const outcome = await app.services.roadmaps.importFile(CLI_ACTOR, bytes, basename(file), options);
        if (!outcome.ok) {
          process.stderr.write(`${t('roadmap-import-failed')}\n${renderIssueList(outcome.issues)}\n`);
          process.exitCode = 1;
          return;
        }
        print(
          t('roadmap-imported', {
            dryRun: outcome.dryRun ? 'yes' : 'no',
            title: outcome.title,
            scope: outcome.scope,
            rows: outcome.rows,
            items: outcome.items,
            fannedOut: outcome.fannedOut,
          }),
        );
      }),
    );

  const template = program.commands.find((command) => command.name() === 'template')!;
  template
    .command('roadmap')
    .description('Шаблон дорожной карты с пояснениями')
    .option('--out <file>', 'куда записать', 'roadmap.xlsx')
    .action(async (options: { out: string }) => {
      // ExcelJS only for this command (issue 8: `kurator users` must not load it)
      const { writeRoadmapTemplate } = await import('../../files/xlsx/write/roadmapTemplate.ts');
      await writeFile(options.out, await writeRoadmapTemplate());
      print(t('cli-template-written', { path: options.out }));
    });

  program
    .command('roadmap')
    .description('Ход выполнения дорожных карт; --done ID --comment ТЕКСТ, --reopen ID')
    .option('--municipality <name>', 'муниципалитет (по умолчанию — весь регион)')
    .option('--done <id>', 'отметить мероприятие выполненным')
    .option('--comment <text>', 'что сделано (для --done)')
    .option('--reopen <id>', 'вернуть мероприятие в работу')
    .action((options: { municipality?: string; done?: string; comment?: string; reopen?: string }) =>
      withApp(async (app) => {
        if (options.done) {
          const item = await app.services.roadmaps.done(CLI_ACTOR, Number(options.done), options.comment ?? '');
          print(t('roadmap-marked-done', { number: item.number, title: item.title }));
          return;
        }
        if (options.reopen) {
          const item = await app.services.roadmaps.reopen(CLI_ACTOR, Number(options.reopen));
          print(t('roadmap-reopened', { number: item.number, title: item.title }));
          return;
        }
        const scope = await digestScopeFor(app.services.deps, CLI_ACTOR, options.municipality);
        print(roadmapLines(t, await app.services.roadmaps.forScope(scope)).join('\n'));
      }),
    );
}
