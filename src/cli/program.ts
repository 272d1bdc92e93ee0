/**
 * `kurator` — the command line, a thin adapter over the same services as the bot.
 * Runs as an operator with admin rights (CLI_ACTOR). Errors: one Russian line, exit code 1.
 * Each command group lives in commands/*.ts; this file only wires them and turns errors into
 * messages and exit codes.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { AccessDeniedError } from '../domain/access/policy.ts';
import { t } from '../i18n.ts';
import { UserError } from '../services/index.ts';
import { databaseErrorMessage } from '../text/database.ts';
import { USAGE_EXIT_CODE, UsageError } from './arguments.ts';
import { CliError } from './context.ts';
import { dbCommands } from './commands/db.ts';
import { digestCommand } from './commands/digest.ts';
import { historyCommand } from './commands/history.ts';
import { identificationDataCommands } from './commands/identificationData.ts';
import { identifyCommand } from './commands/identify.ts';
import { importCommands } from './commands/import.ts';
import { indicatorsCommand } from './commands/indicators.ts';
import { peopleCommands } from './commands/people.ts';
import { reportCommand } from './commands/report.ts';
import { resultsCommand } from './commands/results.ts';
import { roadmapCommands } from './commands/roadmap.ts';
import { statusCommand } from './commands/status.ts';
import { templateCommands } from './commands/template.ts';

function buildProgram(): Command {
  const program = new Command('kurator')
    .description(t('cli-description'))
    .helpOption('-h, --help', t('cli-help-option'))
    .helpCommand('help [command]', t('cli-help-command'))
    .exitOverride();
  // The order is the order of `kurator --help`; roadmap and identificationData add subcommands
  // to `import` and `template`, so they come after those.
  dbCommands(program);
  importCommands(program);
  resultsCommand(program);
  templateCommands(program);
  identifyCommand(program);
  peopleCommands(program);
  digestCommand(program);
  roadmapCommands(program);
  historyCommand(program);
  indicatorsCommand(program);
  statusCommand(program);
  reportCommand(program);
  identificationDataCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    // Commander's own usage errors (unknown option, missing argument) exit 2 as well.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    if (error instanceof UsageError) {
      process.stderr.write(`${t('cli-usage-error', { message: error.message })}\n`);
      return USAGE_EXIT_CODE;
    }
    const message =
      error instanceof UserError
        ? t(error.key, error.params)
        : error instanceof AccessDeniedError
          ? t('access-denied')
          : error instanceof CliError || error instanceof ConfigError
            ? error.message
            : null;
    const dbMessage = databaseErrorMessage(error);
    if (dbMessage) {
      process.stderr.write(`${dbMessage}\n`);
      return 1;
    }
    if (message === null) throw error;
    process.stderr.write(`${error instanceof ConfigError ? message : t('cli-error', { message })}\n`);
    return 1;
  }
}
