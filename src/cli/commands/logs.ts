// `watchfloor` commands: Ingest, search and rejected lines.
import { Option, type Command } from 'commander';
import { FORMAT_NAMES } from '../../events/parsers/index.ts';
import { formatIngestResult, ingestCommand, type IngestCommandOptions } from '../ingest-command.ts';
import { formatRejects, rejectsCommand, type RejectsOptions } from '../rejects-command.ts';
import { formatSearchResult, searchCommand, type SearchCommandOptions } from '../search-command.ts';
import { positiveInt, run, withGlobals } from '../command-kit.ts';

export function registerLogCommands(program: Command): void {
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
}
