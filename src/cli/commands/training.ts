// `watchfloor` commands: Training scenarios and the server.
import { printJson, type GlobalOptions } from '../context.ts';
import { serveCommand, type ServeOptions } from '../serve-command.ts';
import { formatPackCheck, formatScenarioList, formatScenarioLoad, scenarioCheck, scenarioList, scenarioLoad, scenarioReset } from '../scenario-command.ts';
import { positiveInt, run, withGlobals } from '../command-kit.ts';
import type { Command } from 'commander';

export function registerTrainingCommands(program: Command): void {
  const scenario = program.command('scenario').description('training scenario packs (docs/scenario-format.md)');
  withGlobals(scenario.command('check'))
    .description('validate a pack folder: every file, every error with file and line')
    .argument('<dir>', 'the pack folder')
    .action((dir: string, options: GlobalOptions) => {
      const result = scenarioCheck(dir);
      if (options.json) printJson('scenario-check', result);
      else process.stdout.write(`${formatPackCheck(result)}\n`);
      if (result.errors.length > 0) process.exitCode = 2;
    });

  withGlobals(scenario.command('list'))
    .description('the shipped packs and the loaded ones (● loaded)')
    .action(async (options: GlobalOptions) => {
      await run(options, 'scenarios', () => scenarioList(options), formatScenarioList);
    });
  withGlobals(scenario.command('load'))
    .description('load packs by name (shipped) or folder: logs ingested with detection, alerts, hosts, mailboxes, answer key')
    .argument('<name...>', 'pack names or folders')
    .action(async (names: string[], options: GlobalOptions) => {
      await run(options, 'scenario-load', () => scenarioLoad(names, options), formatScenarioLoad);
    });
  withGlobals(scenario.command('reset'))
    .description("start a loaded scenario's exercise again (alerts back to the Main Channel)")
    .argument('<name>', 'the scenario')
    .action(async (name: string, options: GlobalOptions) => {
      await run(options, 'scenario-reset', () => scenarioReset(name, options), (r) => `${r.name}: ${r.alerts} alerts back in the Main Channel`);
    });

  withGlobals(program.command('serve'))
    .description('serve the API (and the workbench) over HTTP')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port', positiveInt, 8080)
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM)')
    .option('--tls-key <file>', 'and this private key (PEM)')
    .action(async (options: ServeOptions) => {
      await serveCommand(options);
    });
}
