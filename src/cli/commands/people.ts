/** `kurator invite`, `kurator invites`, `kurator users`: invitation links and who is registered. */
import type { Command } from 'commander';
import { ROLES, type Role } from '../../domain/access/policy.ts';
import { inviteLink } from '../../domain/invites/code.ts';
import { t } from '../../i18n.ts';
import { CLI_ACTOR } from '../../services/index.ts';
import type { InviteScopeRequest } from '../../services/invites.ts';
import { idParser, parseDays } from '../arguments.ts';
import { formatDate } from '../../text/format.ts';
import { botUsername, CliError, print, withApp } from '../context.ts';

export function peopleCommands(program: Command): void {
  program
    .command('invite')
    .description('Создать ссылку-приглашение')
    .requiredOption('--role <role>', 'coordinator | committee | director')
    .option('--school <code>', 'код школы (для директора)')
    .option('--municipality <name>', 'муниципалитет (для координатора и члена комитета)')
    .option('--region', 'весь регион (для координатора и члена комитета)')
    .option('--days <n>', 'срок действия в днях (1–90)', parseDays)
    .action((options: { role: string; school?: string; municipality?: string; region?: boolean; days?: number }) =>
      withApp(async (app, config) => {
        if (!ROLES.includes(options.role as Role) || options.role === 'admin') {
          throw new CliError(t('cli-unknown-role', { role: options.role }));
        }
        const role = options.role as Role;
        const scope: InviteScopeRequest | null = options.school
          ? { kind: 'school', code: options.school }
          : options.municipality
            ? { kind: 'municipality', name: options.municipality }
            : options.region
              ? { kind: 'region' }
              : null;
        if (!scope) throw new CliError(t('cli-invite-scope-missing'));
        const invite = await app.services.invites.create(CLI_ACTOR, { role, scope, ttlDays: options.days });
        const username = await botUsername(config);
        const vars = {
          id: invite.number,
          roleName: t('role-name', { role }),
          scope: invite.scopeLabel,
          expires: formatDate(invite.expiresAt),
        };
        print(
          username
            ? t('cli-invite-created', { ...vars, link: inviteLink(username, invite.code) })
            : t('cli-invite-code-only', { ...vars, code: invite.code }),
        );
      }),
    );

  program
    .command('invites')
    .description('Приглашения и их состояние')
    .option('--revoke <number>', 'отозвать приглашение (номер из списка)', idParser('--revoke'))
    .option('--municipality <name>', 'муниципалитет, где считается номер (когда номер есть в нескольких)')
    .action((options: { revoke?: number; municipality?: string }) =>
      withApp(async (app) => {
        if (options.revoke !== undefined) {
          // numbers are per territory: the same number may exist in several municipalities
          const found = (await app.services.invites.byNumber(CLI_ACTOR, options.revoke)).filter(
            (invite) => options.municipality === undefined || invite.territory === options.municipality.trim(),
          );
          if (found.length === 0) throw new CliError(t('invite-not-found', { id: options.revoke }));
          if (found.length > 1)
            throw new CliError(
              t('cli-invite-number-ambiguous', {
                id: options.revoke,
                territories: found.map((invite) => `«${invite.territory}»`).join(', '),
              }),
            );
          const { number } = await app.services.invites.revoke(CLI_ACTOR, found[0]!.id);
          print(t('invite-revoked', { id: number }));
          return;
        }
        const invites = await app.services.invites.list(CLI_ACTOR);
        if (!invites.length) print(t('cli-invites-empty'));
        for (const invite of invites) {
          print(
            t('invite-list-item', {
              id: invite.number,
              roleName: t('role-name', { role: invite.role }),
              scope: invite.scopeLabel,
              state: invite.state,
              expires: formatDate(invite.expiresAt),
              usedBy: invite.usedBy ? ` (${invite.usedBy})` : '',
            }),
          );
        }
      }),
    );

  program
    .command('users')
    .description('Зарегистрированные пользователи')
    .option('--json', 'вывести в JSON')
    .action((options: { json?: boolean }) =>
      withApp(async (app) => {
        const people = await app.services.people.list(CLI_ACTOR);
        if (options.json) {
          print(JSON.stringify(people, null, 2));
          return;
        }
        if (!people.length) print(t('cli-users-empty'));
        for (const person of people) {
          const where = person.where.school
            ? `${person.where.school.name} (${person.where.school.code})`
            : (person.where.municipality ?? person.where.region ?? '');
          print(
            `${person.name}${person.username ? ` @${person.username}` : ''} — ${t('role-name', { role: person.role })}${where ? `, ${where}` : ''}`,
          );
        }
      }),
    );
}
