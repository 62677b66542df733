// What every command module shares: global options, argument parsers, and printing a result as JSON or text.
import { Command, InvalidArgumentError } from 'commander';
import { PROVIDER_IDS } from '../intel/index.ts';
import { printJson, type GlobalOptions } from './context.ts';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

export function providerList(value: string): string[] {
  const ids = value.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !(PROVIDER_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown provider ${unknown.join(', ')} (known: ${PROVIDER_IDS.join(', ')})`);
  return ids;
}

export function withGlobals(command: Command): Command {
  return command
    .option('--data <dir>', 'data folder (env WATCHFLOOR_DATA)', process.env.WATCHFLOOR_DATA ?? './data')
    .option('--json', 'machine-readable JSON on stdout', false);
}

/** Runs a command body, printing its result as JSON or text. */
export async function run<T>(options: GlobalOptions, kind: string, body: () => Promise<T>, text: (r: T) => string): Promise<T> {
  const result = await body();
  if (options.json) printJson(kind, result);
  else process.stdout.write(`${text(result)}\n`);
  return result;
}

/** A command that acts as a named user (audited under that name). */
export function acting(command: Command): Command {
  return withGlobals(command).option('--as <user>', 'act as this user (env WATCHFLOOR_USER, default admin)');
}

export const json = (value: unknown): string => JSON.stringify(value, null, 2);
