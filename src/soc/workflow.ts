// The alert lifecycle (PRODUCT.md §2) as commands: take ownership, assign, create case, close with a verdict,
// re-investigate. Each command is one transaction and writes its audit entry inside it.
import type { Kysely } from 'kysely';
import { writeAudit, type AuditEntry } from '../auth/audit.ts';
import type { Database } from '../store/schema.ts';
import type { EventStore } from '../store/store.ts';
import { loadPlaybookLibrary, playbookForAlertType, type PlaybookLibrary } from './playbooks/playbook.ts';
import { fromRunRecord, startRun, toRunRecord, type PlaybookRun } from './playbooks/run.ts';
import type { Playbook } from './playbooks/schema.ts';
import { parseAnswerKey, scoreClosedAlert, type ClosedAlertScore, type Verdict } from './scoring/index.ts';
import { NOTE_MAX_LENGTH } from './artifacts/limits.ts';
import { workflowDb, type WorkflowDb } from './workflow-tables.ts';

export type Role = 'analyst' | 'lead' | 'admin';
export interface Actor {
  name: string;
  role: Role;
  ip?: string | null;
}

export type WorkflowErrorCode = 'not_found' | 'conflict' | 'forbidden' | 'bad_request' | 'out_of_order';

/** A refused action: the status and stable code the API answers with. */
export class WorkflowError extends Error {
  constructor(
    readonly status: number,
    readonly code: WorkflowErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const isLead = (actor: Actor): boolean => actor.role === 'lead' || actor.role === 'admin';

/** Writes an audit entry inside the caller's transaction, so it lands with the change it records. */
export async function audit(trx: WorkflowDb, entry: AuditEntry): Promise<void> {
  await writeAudit({ db: trx as unknown as Kysely<Database> }, entry);
}

async function loadAlert(trx: WorkflowDb, eventId: number) {
  const alert = await trx.selectFrom('alerts').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!alert) throw new WorkflowError(404, 'not_found', `no alert with EventID ${eventId}`);
  return alert;
}

async function openInvestigation(trx: WorkflowDb, eventId: number) {
  return trx.selectFrom('investigations').selectAll().where('alert_id', '=', eventId).where('status', '=', 'open').executeTakeFirst();
}

function mustOwn(actor: Actor, owner: string, eventId: number): void {
  if (owner !== actor.name && !isLead(actor)) {
    throw new WorkflowError(403, 'forbidden', `EventID ${eventId} is owned by ${owner}; only its owner or a lead can act on it`);
  }
}

export interface Workflow {
  readonly library: PlaybookLibrary;
  takeOwnership(eventId: number, actor: Actor): Promise<{ eventId: number; owner: string }>;
  assign(eventId: number, owner: string, actor: Actor): Promise<{ eventId: number; owner: string }>;
  createCase(eventId: number, actor: Actor): Promise<{ caseId: number; created: boolean }>;
  loadRun(caseId: number): Promise<{ run: PlaybookRun; case: { id: number; alertId: number; status: string } }>;
  saveRun(caseId: number, run: PlaybookRun, actor: Actor, action: string): Promise<void>;
  close(eventId: number, input: { verdict: Verdict; note: string }, actor: Actor): Promise<{ eventId: number; score: ClosedAlertScore | null }>;
  reinvestigate(eventId: number, actor: Actor): Promise<{ eventId: number; owner: string }>;
}

export function createWorkflow(store: EventStore, library: PlaybookLibrary = loadPlaybookLibrary()): Workflow {
  const db = workflowDb(store);
  const playbook = (id: string): Playbook => {
    const found = library.playbooks.get(id);
    if (!found) throw new WorkflowError(500, 'bad_request', `playbook ${id} is not installed`);
    return found;
  };

  return {
    library,

    async takeOwnership(eventId, actor) {
      return db.transaction().execute(async (trx) => {
        // the conditional update is the lock: of racing requests exactly one changes the row
        const taken = await trx
          .updateTable('alerts')
          .set({ channel: 'investigation', owner: actor.name })
          .where('id', '=', eventId)
          .where('channel', '=', 'main')
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 0) {
          const alert = await loadAlert(trx, eventId);
          throw new WorkflowError(409, 'conflict', `EventID ${eventId} is already in the ${alert.channel} channel${alert.owner ? `, owned by ${alert.owner}` : ''}`);
        }
        await trx.insertInto('investigations').values({ alert_id: eventId, owner: actor.name, owned_at: Date.now(), status: 'open', reinvestigated: 0 }).execute();
        await audit(trx, { actor: actor.name, action: 'alert.take_ownership', targetType: 'alert', targetId: eventId, fromState: 'main', toState: 'investigation', ip: actor.ip });
        return { eventId, owner: actor.name };
      });
    },

    async assign(eventId, owner, actor) {
      if (!isLead(actor)) throw new WorkflowError(403, 'forbidden', 'assigning alerts takes the lead role');
      return db.transaction().execute(async (trx) => {
        const alert = await loadAlert(trx, eventId);
        if (alert.channel === 'closed') throw new WorkflowError(409, 'conflict', `EventID ${eventId} is closed; re-investigate it first`);
        const open = await openInvestigation(trx, eventId);
        if (open) await trx.updateTable('investigations').set({ owner }).where('id', '=', open.id).execute();
        else await trx.insertInto('investigations').values({ alert_id: eventId, owner, owned_at: Date.now(), status: 'open', reinvestigated: 0 }).execute();
        await trx.updateTable('alerts').set({ channel: 'investigation', owner }).where('id', '=', eventId).execute();
        await audit(trx, {
          actor: actor.name, action: open ? 'alert.reassign' : 'alert.assign', targetType: 'alert', targetId: eventId,
          fromState: alert.owner ?? alert.channel, toState: owner, ip: actor.ip,
        });
        return { eventId, owner };
      });
    },

    async createCase(eventId, actor) {
      return db.transaction().execute(async (trx) => {
        const alert = await loadAlert(trx, eventId);
        const open = await openInvestigation(trx, eventId);
        if (!open) throw new WorkflowError(409, 'conflict', `EventID ${eventId} is not under investigation: take ownership first`);
        mustOwn(actor, open.owner, eventId);
        const existing = await trx.selectFrom('cases').select('id').where('investigation_id', '=', open.id).executeTakeFirst();
        if (existing) return { caseId: existing.id, created: false };
        const book = playbookForAlertType(library, alert.type);
        const rule = alert.rule_code ? `${alert.rule_code} - ${alert.rule_name}` : alert.rule_name;
        const row = await trx
          .insertInto('cases')
          .values({
            investigation_id: open.id,
            alert_id: eventId,
            name: `EventID: ${eventId} - [${rule}]`,
            description: alert.hint ?? alert.trigger,
            type: alert.type,
            playbook: book.id,
            run: JSON.stringify(toRunRecord(startRun(book))),
            status: 'open',
            created_at: Date.now(),
            created_by: actor.name,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, { actor: actor.name, action: 'case.create', targetType: 'alert', targetId: eventId, toState: `case ${row.id}`, detail: { playbook: book.id }, ip: actor.ip });
        return { caseId: row.id, created: true };
      });
    },

    async loadRun(caseId) {
      const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
      if (!row) throw new WorkflowError(404, 'not_found', `no case ${caseId}`);
      const restored = fromRunRecord(playbook(row.playbook), JSON.parse(row.run) as Parameters<typeof fromRunRecord>[1]);
      if (!restored.ok) throw new WorkflowError(409, 'conflict', `case ${caseId}: ${restored.error.message}`);
      return { run: restored.run, case: { id: row.id, alertId: row.alert_id, status: row.status } };
    },

    async saveRun(caseId, run, actor, action) {
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('cases').innerJoin('investigations', 'investigations.id', 'cases.investigation_id')
          .select(['cases.status', 'cases.alert_id', 'investigations.owner']).where('cases.id', '=', caseId).executeTakeFirst();
        if (!row) throw new WorkflowError(404, 'not_found', `no case ${caseId}`);
        if (row.status !== 'open') throw new WorkflowError(409, 'conflict', `case ${caseId} is closed`);
        mustOwn(actor, row.owner, row.alert_id);
        await trx.updateTable('cases').set({ run: JSON.stringify(toRunRecord(run)) }).where('id', '=', caseId).execute();
        await audit(trx, { actor: actor.name, action, targetType: 'case', targetId: caseId, toState: run.current ?? 'finished', ip: actor.ip });
      });
    },

    async close(eventId, input, actor) {
      const note = input.note.trim();
      if (note === '') throw new WorkflowError(400, 'bad_request', 'closing an alert takes a note');
      if (note.length > NOTE_MAX_LENGTH) throw new WorkflowError(400, 'bad_request', `the note is longer than ${NOTE_MAX_LENGTH} characters`);
      return db.transaction().execute(async (trx) => {
        await loadAlert(trx, eventId);
        const open = await openInvestigation(trx, eventId);
        if (!open) throw new WorkflowError(409, 'conflict', `EventID ${eventId} is not under investigation`);
        mustOwn(actor, open.owner, eventId);
        const caseRow = await trx.selectFrom('cases').selectAll().where('investigation_id', '=', open.id).executeTakeFirst();
        const keyRow = await trx.selectFrom('answer_keys').select('key').where('alert_id', '=', eventId).executeTakeFirst();
        let score: ClosedAlertScore | null = null;
        if (keyRow) {
          const book = playbook(caseRow?.playbook ?? playbookForAlertType(library, (await loadAlert(trx, eventId)).type).id);
          const parsed = parseAnswerKey(JSON.parse(keyRow.key), book);
          if (!parsed.ok) throw new WorkflowError(500, 'bad_request', `the answer key of EventID ${eventId} is broken: ${parsed.problems.join('; ')}`);
          const restored = caseRow ? fromRunRecord(book, JSON.parse(caseRow.run) as Parameters<typeof fromRunRecord>[1]) : { ok: true as const, run: startRun(book) };
          const run = restored.ok ? restored.run : startRun(book);
          score = scoreClosedAlert({ playbook: book, run, verdict: input.verdict, key: parsed.key });
        }
        const now = Date.now();
        await trx
          .updateTable('investigations')
          .set({ status: 'closed', verdict: input.verdict, note, closed_at: now, closed_by: actor.name, score: score ? JSON.stringify(score) : null })
          .where('id', '=', open.id)
          .execute();
        if (caseRow) await trx.updateTable('cases').set({ status: 'closed' }).where('id', '=', caseRow.id).execute();
        await trx.updateTable('alerts').set({ channel: 'closed' }).where('id', '=', eventId).execute();
        await audit(trx, { actor: actor.name, action: 'alert.close', targetType: 'alert', targetId: eventId, fromState: 'investigation', toState: 'closed', detail: { verdict: input.verdict }, ip: actor.ip });
        return { eventId, score };
      });
    },

    async reinvestigate(eventId, actor) {
      return db.transaction().execute(async (trx) => {
        const alert = await loadAlert(trx, eventId);
        if (alert.channel !== 'closed') throw new WorkflowError(409, 'conflict', `EventID ${eventId} is not closed`);
        await trx
          .updateTable('investigations')
          .set({ reinvestigated: 1 })
          .where('alert_id', '=', eventId)
          .where('status', '=', 'closed')
          .where('reinvestigated', '=', 0)
          .execute();
        await trx.insertInto('investigations').values({ alert_id: eventId, owner: actor.name, owned_at: Date.now(), status: 'open', reinvestigated: 0 }).execute();
        await trx.updateTable('alerts').set({ channel: 'investigation', owner: actor.name }).where('id', '=', eventId).execute();
        await audit(trx, { actor: actor.name, action: 'alert.reinvestigate', targetType: 'alert', targetId: eventId, fromState: 'closed', toState: 'investigation', ip: actor.ip });
        return { eventId, owner: actor.name };
      });
    },
  };
}
