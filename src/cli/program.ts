// The `watchfloor` command line: one registry of commands (one module per area); only this file turns errors into exit codes.
import { Command } from 'commander';
import { QuerySyntaxError, SearchError } from '../search/errors.ts';
import { registerAnalysisCommands } from './commands/analysis.ts';
import { registerDetectCommands } from './commands/detect.ts';
import { registerLogCommands } from './commands/logs.ts';
import { registerSocCommands } from './commands/soc.ts';
import { registerTrainingCommands } from './commands/training.ts';
import { CliError } from './context.ts';

export function buildProgram(): Command {
  const program = new Command('watchfloor')
    .description('Watchfloor: SOC workbench — ingest security logs, search them, detect, investigate.')
    .showHelpAfterError()
    .version('0.1.0');
  registerLogCommands(program);
  registerDetectCommands(program);
  registerSocCommands(program);
  registerAnalysisCommands(program);
  registerTrainingCommands(program);
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

