// `watchfloor` commands: the sandbox (files and URLs) and threat intel.
import { Option, type Command } from 'commander';
import { IMPORT_FORMATS, PROVIDER_IDS } from '../../intel/index.ts';
import { analyzeFileCommand, analyzeUrlCommand, formatFileReport, formatUrlReport, type AnalyzeFileCommandOptions, type AnalyzeUrlCommandOptions } from '../analyze-command.ts';
import { formatImport, formatIntelList, formatLookup, intelImport, intelList, intelLookup, type ImportCommandOptions, type ListOptions, type LookupOptions } from '../intel-command.ts';
import { positiveInt, providerList, run, withGlobals } from '../command-kit.ts';

export function registerAnalysisCommands(program: Command): void {
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
}
