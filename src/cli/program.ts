// The `watchfloor` command line: one registry of commands; each returns its result, and only this file exits.
import { Command, InvalidArgumentError, Option } from 'commander';
import { FORMAT_NAMES } from '../events/parsers/index.ts';
import { QuerySyntaxError, SearchError } from '../search/errors.ts';
import { CliError, printJson, type GlobalOptions } from './context.ts';
import { formatIngestResult, ingestCommand, type IngestCommandOptions } from './ingest-command.ts';
import { formatRejects, rejectsCommand, type RejectsOptions } from './rejects-command.ts';
import { formatSearchResult, searchCommand, type SearchCommandOptions } from './search-command.ts';
import { serveCommand, type ServeOptions } from './serve-command.ts';
import { alertsList, alertsShow, formatAlert, formatAlertList, type AlertsListOptions } from './alerts-command.ts';
import { detectCommand, formatDetect, type DetectOptions } from './detect-command.ts';
import { formatRulesCheck, formatRulesTest, rulesCheck, rulesTest } from './rules-command.ts';
import { CHANNELS } from '../soc/alerts-query.ts';
import { IMPORT_FORMATS, PROVIDER_IDS } from '../intel/index.ts';
import {
  formatPackCheck, formatScenarioList, formatScenarioLoad, scenarioCheck, scenarioList, scenarioLoad, scenarioReset,
} from './scenario-command.ts';
import {
  analyzeFileCommand, analyzeUrlCommand, formatFileReport, formatUrlReport, type AnalyzeFileCommandOptions, type AnalyzeUrlCommandOptions,
} from './analyze-command.ts';
import {
  formatImport, formatIntelList, formatLookup, intelImport, intelList, intelLookup,
  type ImportCommandOptions, type ListOptions, type LookupOptions,
} from './intel-command.ts';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

function providerList(value: string): string[] {
  const ids = value.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !(PROVIDER_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown provider ${unknown.join(', ')} (known: ${PROVIDER_IDS.join(', ')})`);
  return ids;
}

function withGlobals(command: Command): Command {
  return command
    .option('--data <dir>', 'data folder (env WATCHFLOOR_DATA)', process.env.WATCHFLOOR_DATA ?? './data')
    .option('--json', 'machine-readable JSON on stdout', false);
}

/** Runs a command body, printing its result as JSON or text. */
async function run<T>(options: GlobalOptions, kind: string, body: () => Promise<T>, text: (r: T) => string): Promise<T> {
  const result = await body();
  if (options.json) printJson(kind, result);
  else process.stdout.write(`${text(result)}\n`);
  return result;
}

export function buildProgram(): Command {
  const program = new Command('watchfloor')
    .description('Watchfloor: SOC workbench — ingest security logs, search them, detect, investigate.')
    .showHelpAfterError()
    .version('0.1.0');

  withGlobals(program.command('ingest'))
    .description('ingest log files (plain or gzip) into the store; re-ingesting a file adds no duplicates')
    .argument('<file...>', 'log files')
    .addOption(new Option('--format <format>', 'log format').choices(['auto', ...FORMAT_NAMES]).default('auto'))
    .option('--squid-logformat <definition>', "a Squid logformat definition, e.g. '%ts.%03tu %>a %rm %ru'")
    .option('--no-progress', 'no progress bar or progress lines')
    .option('--no-detect', 'store events without running detection rules')
    .option('--bulk', 'suspend index maintenance during the load and rebuild after (default: when the file is large)')
    .option('--no-bulk', 'keep indexes up to date row by row')
    .option('--rules <dir...>', 'Sigma rule folders to run besides the SOC pack')
    .addHelpText('after', '\nExamples:\n  watchfloor ingest /var/log/squid/access.log\n  watchfloor ingest --format zeek http.log.gz --json')
    .action(async (files: string[], options: IngestCommandOptions) => {
      const result = await run(options, 'ingest', () => ingestCommand(files, options), formatIngestResult);
      if (result.files.some((f) => 'error' in f && !('format' in f))) process.exitCode = 1;
    });

  withGlobals(program.command('search'))
    .description('search stored events (see docs/query-language.md)')
    .argument('[query]', 'query, e.g. \'source.ip:172.16.0.0/12 AND url.extension:exe\'', '')
    .option('--from <time>', 'start of the time range (ISO 8601 or epoch ms)')
    .option('--to <time>', 'end of the time range (ISO 8601 or epoch ms)')
    .option('--limit <n>', 'events per page', positiveInt, 20)
    .option('--cursor <cursor>', 'continue after a previous page')
    .addOption(new Option('--sort <order>', 'time order').choices(['desc', 'asc']).default('desc'))
    .option('--raw', 'print raw lines only')
    .addHelpText('after', '\nExamples:\n  watchfloor search \'url.extension:exe AND NOT http.response.status_code:>=400\'\n  watchfloor search \'"powershell"\' --from 2021-03-01 --json')
    .action(async (query: string, options: SearchCommandOptions) => {
      await run(options, 'search', () => searchCommand(query, options), (r) => formatSearchResult(r, options));
    });

  withGlobals(program.command('rejects'))
    .description('list rejected lines with file, line number and reason')
    .option('--file <path>', 'only this file')
    .option('--limit <n>', 'how many', positiveInt, 100)
    .action(async (options: RejectsOptions) => {
      await run(options, 'rejects', () => rejectsCommand(options), formatRejects);
    });

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
  withGlobals(alerts.command('show'))
    .description("one alert's fields and the events that raised it")
    .argument('<eventId>', 'EventID', positiveInt)
    .action(async (eventId: number, options: GlobalOptions) => {
      await run(options, 'alert', () => alertsShow(eventId, options), formatAlert);
    });

  const analyze = program.command('analyze').description('static analysis of files (never executed) and URLs');
  withGlobals(analyze.command('file'))
    .description('type, hashes, PE structure, Authenticode signature, YARA matches, archive members')
    .argument('<path>', 'the sample')
    .option('--yara <dir>', 'YARA rule folder (default: DATA/yara, else the shipped rules)')
    .option('--password <password>', 'zip password tried before "infected"')
    .option('--max-size <bytes>', 'larger files are hashed only', positiveInt)
    .action(async (path: string, options: AnalyzeFileCommandOptions) => {
      await run(options, 'file-report', () => analyzeFileCommand(path, options), (r) => formatFileReport(r));
    });

  withGlobals(analyze.command('url'))
    .description("open a URL in an isolated headless Chromium: redirect chain, requests, downloads (analysed, never run), screenshot")
    .argument('<url>', 'the URL')
    .option('--allow-loopback', 'let the sandbox reach 127.0.0.1/::1 (refused by default, like every private address)')
    .option('--timeout <seconds>', 'overall time budget', positiveInt)
    .action(async (url: string, options: AnalyzeUrlCommandOptions) => {
      await run(options, 'url-report', () => analyzeUrlCommand(url, options), formatUrlReport);
    });

  const intel = program.command('intel').description('threat intelligence: lookups and local indicators');
  withGlobals(intel.command('lookup'))
    .description('look an IP, domain, URL, hash or e-mail address up with every configured provider')
    .argument('<value>', 'the observable (defanged values are fine)')
    .option('--providers <ids>', `only these providers, comma-separated: ${PROVIDER_IDS.join(', ')}`, providerList)
    .option('--refresh', 'ignore cached results')
    .addHelpText('after', '\nAPI keys come from the environment (WATCHFLOOR_VT_KEY, …) or DATA/intel.json; see src/intel/README.md.')
    .action(async (value: string, options: LookupOptions) => {
      await run(options, 'lookup', () => intelLookup(value, options), formatLookup);
    });
  withGlobals(intel.command('import'))
    .description('import indicators: STIX 2.1 bundles, MISP feed folders, URLhaus/ThreatFox/MalwareBazaar CSV, plain lists')
    .argument('<path...>', 'files or MISP feed folders')
    .addOption(new Option('--format <format>', 'feed format').choices(['auto', ...IMPORT_FORMATS]).default('auto'))
    .option('--source <name>', 'source name recorded on the indicators')
    .option('--tag <tag...>', 'tags added to every indicator')
    .option('--tlp <marking>', 'TLP marking (clear, green, amber, red)')
    .action(async (paths: string[], options: ImportCommandOptions) => {
      const result = await run(options, 'intel-import', () => intelImport(paths, options), formatImport);
      if (result.reports.some((r) => r.bad.length > 0)) process.exitCode = 1;
    });
  withGlobals(intel.command('list'))
    .description('local indicators with counters per type')
    .addOption(new Option('--type <type>', 'indicator type').choices(['url', 'domain', 'ip', 'md5', 'sha1', 'sha256', 'email', 'hash']))
    .option('--text <text>', 'free text')
    .option('--tag <tag>', 'tag')
    .option('--limit <n>', 'how many', positiveInt, 50)
    .action(async (options: ListOptions) => {
      await run(options, 'indicators', () => intelList(options), formatIntelList);
    });

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

  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      process.stderr.write(`watchfloor: query error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof SearchError) {
      process.stderr.write(`watchfloor: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`watchfloor: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`watchfloor: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

