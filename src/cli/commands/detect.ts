// `watchfloor` commands: Sigma rules: check, test, and detection over stored events.
import { Option, type Command } from 'commander';
import { FORMAT_NAMES } from '../../events/parsers/index.ts';
import { printJson, type GlobalOptions } from '../context.ts';
import { detectCommand, formatDetect, type DetectOptions } from '../detect-command.ts';
import { formatRulesCheck, formatRulesTest, rulesCheck, rulesTest } from '../rules-command.ts';
import { run, withGlobals } from '../command-kit.ts';

export function registerDetectCommands(program: Command): void {
  const rules = program.command('rules').description('load and test Sigma rules');
  withGlobals(rules.command('check'))
    .description('load every rule under DIR and list rejections with file:line: reason')
    .argument('<dir>', 'a rule folder or file')
    .action((dir: string, options: GlobalOptions) => {
      const result = rulesCheck(dir);
      if (options.json) printJson('rules-check', result);
      else process.stdout.write(`${formatRulesCheck(result)}\n`);
      if (result.rejected.length > 0) process.exitCode = 2;
    });
  withGlobals(rules.command('test'))
    .description('show which events of a log file a rule matches, and why (which selections)')
    .argument('<rule>', 'a rule file or folder')
    .argument('<events>', 'a log file in any supported format (NDJSON for hand-made events)')
    .addOption(new Option('--format <format>', 'log format of EVENTS').choices(['auto', ...FORMAT_NAMES]).default('auto'))
    .action(async (rule: string, events: string, options: GlobalOptions & { format: 'auto' }) => {
      const result = await run(options, 'rules-test', () => rulesTest(rule, events, options.format), formatRulesTest);
      if (result.matches.length > 0) process.exitCode = 1;
    });

  withGlobals(program.command('detect'))
    .description('run the rules over stored events (alerts already raised for the same events are not repeated)')
    .option('--since <time>', 'from this time (ISO 8601 or epoch ms)')
    .option('--until <time>', 'up to this time')
    .option('--rules <dir...>', 'Sigma rule folders to run besides the SOC pack')
    .option('--no-soc-pack', 'leave out the built-in SOC rule pack')
    .option('--no-progress', 'no progress output')
    .action(async (options: DetectOptions) => {
      await run(options, 'detect', () => detectCommand(options), formatDetect);
    });
}
