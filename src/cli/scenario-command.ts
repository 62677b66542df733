// `watchfloor scenario check|list|load|reset`: training packs (docs/scenario-format.md).
import { readPack } from '../scenarios/read-pack.ts';
import { formatPackError, type PackError } from '../scenarios/yaml-file.ts';
import { ScenarioError, type LoadResult } from '../scenarios/load-pack.ts';
import { listScenarios, loadScenario, resetScenario, type ScenarioInfo } from '../scenarios/scenarios.ts';
import { CliError, openStore, type GlobalOptions } from './context.ts';

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


export async function scenarioList(options: GlobalOptions): Promise<{ scenarios: ScenarioInfo[] }> {
  const store = await openStore(options);
  try {
    return { scenarios: await listScenarios(store) };
  } finally {
    await store.close();
  }
}

export function formatScenarioList(r: { scenarios: ScenarioInfo[] }): string {
  return r.scenarios.map((s) => `${s.loaded ? '●' : '○'} ${s.name}${s.title ? ` — ${s.title}` : ''}${s.difficulty ? ` [${s.difficulty}]` : ''}`).join('\n');
}

export async function scenarioLoad(names: string[], options: GlobalOptions): Promise<{ loaded: LoadResult[] }> {
  const store = await openStore(options);
  try {
    const loaded: LoadResult[] = [];
    for (const name of names) {
      try {
        loaded.push(await loadScenario(store, name));
      } catch (error) {
        if (error instanceof ScenarioError) throw new CliError(error.message, 2);
        throw error;
      }
    }
    return { loaded };
  } finally {
    await store.close();
  }
}

export function formatScenarioLoad(r: { loaded: LoadResult[] }): string {
  return r.loaded
    .map((l) => `${l.name}: ${l.events} events, alerts ${l.alerts.map((a) => (a.declared === a.eventId ? `${a.eventId}` : `${a.declared}→${a.eventId}`)).join(', ')}, ${l.hosts} hosts, ${l.emails} e-mails`)
    .join('\n');
}

export async function scenarioReset(name: string, options: GlobalOptions): Promise<{ name: string; alerts: number }> {
  const store = await openStore(options);
  try {
    return { name, ...(await resetScenario(store, name)) };
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    await store.close();
  }
}
