// `watchfloor` commands: the SOC workflow: alerts, cases, hosts, mail, metrics, users.
import { Option, type Command } from 'commander';
import type { GlobalOptions } from '../context.ts';
import { alertsList, alertsShow, formatAlert, formatAlertList, type AlertsListOptions } from '../alerts-command.ts';
import { CHANNELS } from '../../soc/alerts-query.ts';
import { randomBytes } from 'node:crypto';
import type { Role } from '../../auth/auth-tables.ts';
import { writeFileSync } from 'node:fs';
import { answerInputSchema } from '../../soc/playbooks/run.ts';
import { answerCase, assignAlert, caseForAlert, closeAlert, formatCase, hostContain, hostShow, hostsList, mailAttachments, mailDelete, mailSearch, mailShow, metrics, reinvestigateAlert, showCase, takeAlert, usersAdd, usersPasswd, usersToken, type AsUser } from '../workflow-command.ts';
import { acting, json, positiveInt, run, withGlobals } from '../command-kit.ts';

export function registerSocCommands(program: Command): void {
  const alerts = program.command('alerts').description('the Monitoring channels: list and show alerts');
  withGlobals(alerts.command('list'))
    .description('list alerts, newest first')
    .addOption(new Option('--channel <channel>', 'channel').choices([...CHANNELS]))
    .option('--severity <severity>', 'Low, Medium, High or Critical')
    .option('--type <type>', 'alert type, e.g. Proxy')
    .option('--rule <rule>', 'rule code (SOC119) or name')
    .option('--text <text>', 'free text over rule names and alert fields')
    .option('--limit <n>', 'how many', positiveInt, 50)
    .action(async (options: AlertsListOptions) => {
      await run(options, 'alerts', () => alertsList(options), formatAlertList);
    });
  acting(alerts.command('take'))
    .description('take ownership: Main Channel → Investigation Channel')
    .argument('<eventId>', 'EventID', positiveInt)
    .action(async (id: number, o: AsUser) => {
      await run(o, 'alert-take', () => takeAlert(id, o), (r) => `EventID ${r.eventId} is now owned by ${r.owner}`);
    });
  acting(alerts.command('assign'))
    .description('assign or reassign an alert (lead)')
    .argument('<eventId>', 'EventID', positiveInt)
    .argument('<owner>', 'the analyst')
    .action(async (id: number, owner: string, o: AsUser) => {
      await run(o, 'alert-assign', () => assignAlert(id, owner, o), (r) => `EventID ${r.eventId} is now owned by ${r.owner}`);
    });
  acting(alerts.command('case'))
    .description('create (or open) the case of an alert under investigation')
    .argument('<eventId>', 'EventID', positiveInt)
    .action(async (id: number, o: AsUser) => {
      await run(o, 'alert-case', () => caseForAlert(id, o), (r) => `case ${r.caseId}${r.created ? ' created' : ''}`);
    });
  acting(alerts.command('close'))
    .description('close an alert with a verdict and a note (scored in training)')
    .argument('<eventId>', 'EventID', positiveInt)
    .addOption(new Option('--verdict <verdict>', 'the verdict').choices(['True Positive', 'False Positive']).makeOptionMandatory())
    .requiredOption('--note <text>', 'why')
    .action(async (id: number, o: AsUser & { verdict: 'True Positive' | 'False Positive'; note: string }) => {
      await run(o, 'alert-close', () => closeAlert(id, o.verdict, o.note, o), (r) => [`EventID ${r.eventId} closed`, ...(r.score?.lines ?? [])].join('\n'));
    });
  acting(alerts.command('reinvestigate'))
    .description('re-investigate a closed alert (the closed entry stays)')
    .argument('<eventId>', 'EventID', positiveInt)
    .action(async (id: number, o: AsUser) => {
      await run(o, 'alert-reinvestigate', () => reinvestigateAlert(id, o), (r) => `EventID ${r.eventId} is back under investigation, owned by ${r.owner}`);
    });

  const cases = program.command('case').description('cases and their playbooks');
  acting(cases.command('show'))
    .description('Incident Details and the playbook run')
    .argument('<caseId>', 'case id', positiveInt)
    .action(async (id: number, o: AsUser) => {
      await run(o, 'case', () => showCase(id, o), formatCase);
    });
  acting(cases.command('answer'))
    .description("answer the current step: 'next' on info steps, or an option such as Non-malicious")
    .argument('<caseId>', 'case id', positiveInt)
    .argument('<stepId>', 'the step id (case show lists them)')
    .argument('[option]', 'the option; leave out for Next')
    .action(async (id: number, stepId: string, option: string | undefined, o: AsUser) => {
      const input = option === undefined || option === 'next' ? { kind: 'next' as const } : { kind: 'option' as const, value: option };
      await run(o, 'case-answer', () => answerCase(id, stepId, input, o), (r) => `next step: ${r.step ?? 'finished'}`);
    });
  acting(cases.command('artifact'))
    .description("answer the Add Artifacts step: TYPE=VALUE[=COMMENT] rows, e.g. 'IP Address=172.16.17.5'")
    .argument('<caseId>', 'case id', positiveInt)
    .argument('<rows...>', 'artifact rows')
    .action(async (id: number, rows: string[], o: AsUser) => {
      const artifacts = rows.map((row) => {
        const [type = '', value = '', comment] = row.split('=');
        return comment === undefined ? { type, value } : { type, value, comment };
      });
      const input = answerInputSchema.parse({ kind: 'artifacts', artifacts });
      await run(o, 'case-answer', () => answerCase(id, 'add-artifacts', input, o), (r) => `next step: ${r.step ?? 'finished'}`);
    });
  acting(cases.command('note'))
    .description('answer the Analyst Note step (up to 3,000 characters)')
    .argument('<caseId>', 'case id', positiveInt)
    .argument('<text>', 'the note')
    .action(async (id: number, text: string, o: AsUser) => {
      await run(o, 'case-answer', () => answerCase(id, 'analyst-note', { kind: 'note', text }, o), (r) => `next step: ${r.step ?? 'finished'}`);
    });

  acting(program.command('hosts'))
    .description('Endpoint Security: list or search hosts (hostname, IP, process name, hash); --show one; --contain/--release')
    .argument('[query]', 'search text', '')
    .option('--show <hostname>', 'one host with its tabs')
    .option('--contain <hostname>', 'contain a host (needs a running agent)')
    .option('--release <hostname>', 'release a contained host')
    .action(async (q: string, o: AsUser & { show?: string; contain?: string; release?: string }) => {
      if (o.contain || o.release) await run(o, 'host', () => hostContain((o.contain ?? o.release)!, Boolean(o.contain), o), (h) => `${h.hostname}: ${h.state}`);
      else if (o.show) await run(o, 'host', () => hostShow(o.show!, o), json);
      else await run(o, 'hosts', () => hostsList(q, o), (r) => r.hosts.map((h) => `${h.hostname.padEnd(20)} ${h.ip.padEnd(16)} ${(h.os ?? '').padEnd(14)} ${h.state}`).join('\n'));
    });
  acting(program.command('mail'))
    .description('Email Security: search mail; --show, --delete, --attachments FILE (zip, password infected)')
    .argument('[query]', 'quick search text', '')
    .option('--show <id>', 'one message', positiveInt)
    .option('--delete <id>', 'delete a message from its mailbox', positiveInt)
    .option('--attachments <id>', 'write the attachments zip of a message', positiveInt)
    .option('--out <file>', 'where --attachments writes', 'attachments.zip')
    .action(async (q: string, o: AsUser & { show?: number; delete?: number; attachments?: number; out: string }) => {
      if (o.show) await run(o, 'email', () => mailShow(o.show!, o), (m) => `From: ${m.sender}\nTo: ${m.recipients.join(', ')}\nSubject: ${m.subject}\nDate: ${m.date}\nAction: ${m.action}\n\n${m.text}`);
      else if (o.delete) await run(o, 'email-delete', () => mailDelete(o.delete!, o), (r) => `e-mail ${r.id} deleted`);
      else if (o.attachments) {
        const zip = await mailAttachments(o.attachments, o);
        writeFileSync(o.out, zip);
        process.stdout.write(`${o.out} (password: infected)\n`);
      } else await run(o, 'emails', () => mailSearch(q, o), (r) => r.emails.map((m) => `${String(m.id).padStart(4)} ${m.date} ${m.sender.padEnd(30)} ${m.subject} [${m.action}]`).join('\n'));
    });
  acting(program.command('metrics'))
    .description('MTTA, MTTR, true/false positives per rule, training scores')
    .action(async (o: AsUser) => {
      await run(o, 'metrics', () => metrics(o), (m) => [
        `alerts: ${m.alerts.total} (main ${m.alerts.main}, investigation ${m.alerts.investigation}, closed ${m.alerts.closed})`,
        `MTTA: ${m.mtta === null ? '-' : `${Math.round(m.mtta / 1000)} s`}; MTTR: ${m.mttr === null ? '-' : `${Math.round(m.mttr / 1000)} s`}`,
        ...m.rules.map((r) => `${r.rule}: ${r.truePositives} TP, ${r.falsePositives} FP`),
        ...m.analysts.map((a) => `${a.analyst}: ${JSON.stringify(a)}`),
      ].join('\n'));
    });

  const users = program.command('users').description('users, passwords and API tokens');
  withGlobals(users.command('add'))
    .description('add a user (a random password is printed once when none is given)')
    .argument('<name>', 'user name')
    .addOption(new Option('--role <role>', 'role').choices(['analyst', 'lead', 'admin']).default('analyst'))
    .option('--password <password>', 'password (at least 12 characters)')
    .action(async (name: string, o: AsUser & { role: Role; password?: string }) => {
      const password = o.password ?? randomBytes(12).toString('base64url');
      await run(o, 'user', () => usersAdd(name, o.role, password, o), (u) => `${u.name} (${u.role})${o.password ? '' : ` password: ${password}`}`);
    });
  withGlobals(users.command('passwd'))
    .description("set a user's password")
    .argument('<name>', 'user name')
    .requiredOption('--password <password>', 'the new password')
    .action(async (name: string, o: AsUser & { password: string }) => {
      await run(o, 'user', () => usersPasswd(name, o.password, o), (u) => `password of ${u.name} changed`);
    });
  withGlobals(users.command('token'))
    .description('create an API token for a user (shown once)')
    .argument('<name>', 'user name')
    .option('--name <tokenName>', 'what the token is for', 'cli')
    .action(async (name: string, o: AsUser & { name: string }) => {
      await run(o, 'token', () => usersToken(name, o.name, o), (t) => t.token);
    });

  withGlobals(alerts.command('show'))
    .description("one alert's fields and the events that raised it")
    .argument('<eventId>', 'EventID', positiveInt)
    .action(async (eventId: number, options: GlobalOptions) => {
      await run(options, 'alert', () => alertsShow(eventId, options), formatAlert);
    });
}
