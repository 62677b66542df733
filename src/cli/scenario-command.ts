// `watchfloor scenario check|list|load|reset`: training packs (docs/scenario-format.md).
import { readPack } from '../scenarios/read-pack.ts';
import { formatPackError, type PackError } from '../scenarios/yaml-file.ts';
import { CliError } from './context.ts';

export interface PackCheck {
  dir: string;
  name?: string;
  alerts: number;
  hosts: number;
  mailboxes: number;
  errors: PackError[];
}

export function scenarioCheck(dir: string): PackCheck {
  const { pack, errors } = readPack(dir);
  return {
    dir,
    name: pack?.scenario.name,
    alerts: pack?.scenario.alerts.length ?? 0,
    hosts: pack?.hosts.length ?? 0,
    mailboxes: pack?.mailboxes.length ?? 0,
    errors,
  };
}

export function formatPackCheck(r: PackCheck): string {
  if (r.errors.length > 0) return [...r.errors.map(formatPackError), `${r.dir}: ${r.errors.length} problems`].join('\n');
  return `${r.dir}: ${r.name} is valid (${r.alerts} alerts, ${r.hosts} hosts, ${r.mailboxes} mailboxes)`;
}

export function assertValid(r: PackCheck): void {
  if (r.errors.length > 0) throw new CliError(formatPackCheck(r), 2);
}
