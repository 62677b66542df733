// Endpoint Security: the host list and search, Host Information with its four tabs, and the containment switch.
import { z } from 'zod';
import { hostSchema, processSchema, type ProcessEntry } from '../scenarios/schema.ts';
import { containsText } from '../store/like.ts';
import type { EventStore } from '../store/store.ts';
import { audit, WorkflowError, type Actor } from './workflow.ts';
import { workflowDb, type WorkflowTables } from './workflow-tables.ts';

type HostRow = WorkflowTables['hosts'];

export const hostSummarySchema = z.object({
  hostname: z.string(),
  ip: z.string(),
  os: z.string().nullable(),
  primaryUser: z.string().nullable(),
  agent: hostSchema.shape.agent,
  state: z.enum(['Online', 'Host Contained', 'Agent Down', 'No Agent Installed']),
  contained: z.boolean(),
  counts: z.object({ processes: z.number().int(), network: z.number().int(), terminal: z.number().int(), browser: z.number().int() }),
});
export type HostSummary = z.infer<typeof hostSummarySchema>;

/** A host as its scenario pack described it (validated when the pack was loaded), with its state. */
export const hostDetailSchema = hostSummarySchema.extend({
  info: hostSchema.pick({ domain: true, bits: true, os: true, primaryUser: true, role: true, lastLogin: true }).partial(),
  processes: z.array(processSchema),
  network: hostSchema.shape.network.unwrap(),
  terminal: hostSchema.shape.terminal.unwrap(),
  browser: hostSchema.shape.browser.unwrap(),
});
export type HostDetail = z.infer<typeof hostDetailSchema>;

function countTree(list: readonly ProcessEntry[]): number {
  return list.reduce((n, p) => n + 1 + countTree(p.children), 0);
}

function summary(row: HostRow): HostSummary {
  const info = JSON.parse(row.info) as { os?: string; primaryUser?: string };
  const processes = JSON.parse(row.processes) as ProcessEntry[];
  const state: HostSummary['state'] = row.agent === 'none' ? 'No Agent Installed' : row.agent === 'down' ? 'Agent Down' : row.contained ? 'Host Contained' : 'Online';
  return {
    hostname: row.hostname,
    ip: row.ip,
    os: info.os ?? null,
    primaryUser: info.primaryUser ?? null,
    agent: row.agent,
    state,
    contained: row.contained === 1,
    counts: {
      processes: countTree(processes),
      network: (JSON.parse(row.network) as unknown[]).length,
      terminal: (JSON.parse(row.terminal) as unknown[]).length,
      browser: (JSON.parse(row.browser) as unknown[]).length,
    },
  };
}

/** Hosts whose name or IP matches, or that ran a process by that name or with that hash (any host). */
export async function listHosts(store: EventStore, q = ''): Promise<HostSummary[]> {
  let query = workflowDb(store).selectFrom('hosts').selectAll();
  const text = q.trim();
  if (text !== '') {
    query = query.where((eb) => eb.or([containsText('hostname', text), eb('ip', '=', text), containsText('processes', text)]));
  }
  return (await query.orderBy('hostname').limit(500).execute()).map(summary);
}

export async function getHost(store: EventStore, hostname: string): Promise<HostDetail> {
  const row = await workflowDb(store).selectFrom('hosts').selectAll().where('hostname', '=', hostname).executeTakeFirst();
  if (!row) throw new WorkflowError(404, 'not_found', `no host ${hostname}`);
  return {
    ...summary(row),
    info: JSON.parse(row.info) as HostDetail['info'],
    processes: JSON.parse(row.processes) as ProcessEntry[],
    network: JSON.parse(row.network) as HostDetail['network'],
    terminal: JSON.parse(row.terminal) as HostDetail['terminal'],
    browser: JSON.parse(row.browser) as HostDetail['browser'],
  };
}

/** The containment switch: needs a running agent; audited. */
export async function setContainment(store: EventStore, hostname: string, contained: boolean, actor: Actor): Promise<HostSummary> {
  return workflowDb(store).transaction().execute(async (trx) => {
    const row = await trx.selectFrom('hosts').selectAll().where('hostname', '=', hostname).executeTakeFirst();
    if (!row) throw new WorkflowError(404, 'not_found', `no host ${hostname}`);
    if (row.agent !== 'running') throw new WorkflowError(409, 'conflict', `${hostname}: ${row.agent === 'none' ? 'No Agent Installed' : 'Agent Down'} — the host cannot be contained`);
    await trx.updateTable('hosts').set({ contained: contained ? 1 : 0 }).where('hostname', '=', hostname).execute();
    await audit(trx, {
      actor: actor.name, action: contained ? 'host.contain' : 'host.release', targetType: 'host', targetId: hostname,
      fromState: row.contained ? 'contained' : 'free', toState: contained ? 'contained' : 'free', ip: actor.ip,
    });
    return summary({ ...row, contained: contained ? 1 : 0 });
  });
}
