/** `kurator db migrate`: apply pending migrations (they are applied when the bot starts, too). */
import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { print, withApp } from '../context.ts';

export function dbCommands(program: Command): void {
  const db = program.command('db').description('База данных');
  db.command('migrate')
    .description('Применить миграции (они применяются и при запуске бота)')
    .action(() =>
      withApp(
        async (app) => {
          // openApp has already applied pending migrations.
          const names = app.db.appliedMigrations;
          print(names.length ? t('db-migrated', { names: names.join(', ') }) : t('db-up-to-date'));
        },
        { migrate: true },
      ),
    );
}
