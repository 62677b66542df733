// `watchfloor alerts list|show`: the Monitoring channels from the command line.
import type { AlertView } from '../soc/alert-presenter.ts';
import { getAlert, listAlerts, type AlertFilter } from '../soc/alerts-query.ts';
import { CliError, openStore, type GlobalOptions } from './context.ts';

export type AlertsListOptions = GlobalOptions & AlertFilter;

export async function alertsList(options: AlertsListOptions): Promise<{ alerts: AlertView[]; total: number }> {
  const store = await openStore(options);
  try {
    return await listAlerts(store, options);
  } finally {
    await store.close();
  }
}

export async function alertsShow(eventId: number, options: GlobalOptions): Promise<NonNullable<Awaited<ReturnType<typeof getAlert>>>> {
  const store = await openStore(options);
  try {
    const alert = await getAlert(store, eventId);
    if (!alert) throw new CliError(`no alert with EventID ${eventId}`, 1);
    return alert;
  } finally {
    await store.close();
  }
}

export function formatAlertList(r: { alerts: AlertView[]; total: number }): string {
  const rows = r.alerts.map(
    (a) => `${a.severity.padEnd(8)} ${a.eventTime}  ${`${a.rule.code ?? ''} ${a.rule.name}`.trim().padEnd(52)} ${String(a.eventId).padStart(6)}  ${a.type}${a.count > 1 ? `  ×${a.count}` : ''}`,
  );
  rows.unshift(`${'SEVERITY'.padEnd(8)} ${'DATE'.padEnd(24)}  ${'RULE NAME'.padEnd(52)} ${'EVENTID'.padStart(6)}  TYPE`);
  rows.push(`${r.alerts.length} of ${r.total} alerts`);
  return rows.join('\n');
}

export function formatAlert(a: AlertView & { events: { raw: string }[] }): string {
  const width = Math.max(...a.fields.map((f) => f.label.length));
  const lines = a.fields.map((f) => `${f.label.padEnd(width)} : ${f.value ?? '-'}`);
  if (a.mitre.length > 0) lines.push(`${'MITRE'.padEnd(width)} : ${a.mitre.join(', ')}`);
  lines.push(`${'Why'.padEnd(width)} : ${a.trigger}`, '', `Events (${a.events.length}):`, ...a.events.map((e) => `  ${e.raw}`));
  return lines.join('\n');
}
