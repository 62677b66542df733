// Loads a validated scenario pack into the store: logs through ingest with detection, declared alerts, EventIDs,
// answer keys, hosts and mailboxes. A pack that fails validation (or whose logs have bad lines) changes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import { alertFields } from '../detect/alert-fields.ts';
import { loadDetector } from '../detect/detector.ts';
import { canonicalField, type FieldValue } from '../events/event.ts';
import { ingestFile, parseSafely, resolveParser } from '../events/ingest.ts';
import { openLineSource } from '../events/line-reader.ts';
import { intelPlaceholders } from '../intel/indicators.ts';
import { rowToEvent } from '../store/event-rows.ts';
import type { AlertWrite, EventStore } from '../store/store.ts';
import { loadPlaybookLibrary, playbookForAlertType } from '../soc/playbooks/playbook.ts';
import { parseAnswerKey } from '../soc/scoring/index.ts';
import { workflowDb, type WorkflowDb } from '../soc/workflow-tables.ts';
import { parseMail } from './mail.ts';
import { readPack, type Pack } from './read-pack.ts';
import type { DeclaredAlert } from './schema.ts';
import { formatPackError, type PackError } from './yaml-file.ts';

export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly errors: PackError[] = [],
  ) {
    super(errors.length > 0 ? `${message}\n${errors.map(formatPackError).join('\n')}` : message);
  }
}

export const loadResultSchema = z.object({
  name: z.string(),
  events: z.number().int(),
  alerts: z.array(z.object({ declared: z.number().int(), eventId: z.number().int(), assigned: z.number().int() })),
  hosts: z.number().int(),
  emails: z.number().int(),
});
export type LoadResult = z.infer<typeof loadResultSchema>;

/** Every log line must parse: a pack is data we ship, and a bad line is a bug in it. */
async function checkLogs(pack: Pack): Promise<PackError[]> {
  const errors: PackError[] = [];
  for (const log of pack.scenario.logs) {
    const source = await openLineSource(join(pack.dir, log.path));
    const { parser } = await resolveParser(source, log.format, undefined);
    for await (const lines of source.batches()) {
      for (const line of lines) {
        const outcome = parseSafely(parser, line.text, line.no);
        if (outcome.kind === 'reject') errors.push({ file: log.path, line: line.no, column: 1, reason: outcome.reason });
      }
    }
  }
  return errors;
}

function sameValue(actual: FieldValue | undefined, wanted: string | number): boolean {
  if (actual === undefined) return false;
  const values = Array.isArray(actual) ? actual : [actual];
  return values.some((v) => String(v).toLowerCase() === String(wanted).toLowerCase());
}

/** The alert of `rule` raised by an event carrying every `match` field (newest first among this load's alerts). */
async function findMatchedAlert(db: WorkflowDb, rule: string, match: Record<string, string | number>, since: number): Promise<number | undefined> {
  const candidates = await db
    .selectFrom('alerts')
    .innerJoin('alert_events', 'alert_events.alert_id', 'alerts.id')
    .innerJoin('events', 'events.id', 'alert_events.event_id')
    .selectAll('events')
    .select('alerts.id as alert_id')
    .where('alerts.rule_code', '=', rule)
    .where('alerts.id', '>', since)
    .execute();
  const hit = candidates.find((row) => {
    const event = rowToEvent(row);
    return Object.entries(match).every(([field, value]) => sameValue(event.fields[canonicalField(field)], value));
  });
  return hit?.alert_id;
}

function declaredWrite(d: DeclaredAlert): AlertWrite {
  const time = Date.parse(d.time);
  const fields = Object.entries(d.fields).map(([label, value]): [string, string | null] => [label, String(value)]);
  const head = alertFields(d.family, { eventTime: time, rule: `${d.rule} - ${d.name}`, tier: d.level, reason: d.hint ?? d.name }, { '@timestamp': d.time, 'event.dataset': 'scenario.declared' }).slice(0, 3);
  return {
    ruleKey: `scenario:${d.rule}`, ruleCode: d.rule, ruleName: d.name, type: d.type, family: d.family, playbook: d.playbook,
    severity: d.severity, tier: d.level, eventTime: time, fields: [...head, ...fields], mitre: d.mitre, hint: d.hint ?? null,
    trigger: 'declared by the scenario pack', suppressKey: null, suppressWindowMs: null, eventIds: [],
  };
}

/** Gives an alert the EventID its pack declares, when that id is free. */
async function renumber(db: WorkflowDb, from: number, to: number): Promise<number> {
  if (from === to) return to;
  const taken = await db.selectFrom('alerts').select('id').where('id', '=', to).executeTakeFirst();
  if (taken) return from;
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  await db.updateTable('alerts').set({ id: to }).where('id', '=', from).execute();
  await db.updateTable('alert_events').set({ alert_id: to }).where('alert_id', '=', from).execute();
  return to;
}

export async function loadPack(store: EventStore, dir: string): Promise<LoadResult> {
  const { pack, errors } = readPack(dir);
  if (!pack) throw new ScenarioError(`${dir}: the pack is not valid`, errors);
  const db = workflowDb(store);
  const name = pack.scenario.name;
  if (await db.selectFrom('scenarios').select('name').where('name', '=', name).executeTakeFirst()) {
    throw new ScenarioError(`scenario ${name} is already loaded (watchfloor scenario reset ${name} first)`);
  }
  const logErrors = await checkLogs(pack);
  if (logErrors.length > 0) throw new ScenarioError(`${dir}: log lines that do not parse`, logErrors);
  const library = loadPlaybookLibrary();
  /** The answer key of a declared EventID, for the alert that got `eventId`, checked against its playbook. */
  const keyFor = (declared: number, eventId: number, alertType: string): string => {
    const playbook = playbookForAlertType(library, alertType);
    const { explanation: _shownInThePack, ...entry } = pack.answers[String(declared)]!;
    const key = { eventId, playbook: playbook.id, ...entry };
    const checked = parseAnswerKey(key, playbook);
    if (!checked.ok) throw new ScenarioError(`${dir}: answers.yaml`, checked.problems.map((reason) => ({ file: 'answers.yaml', line: 1, column: 1, reason: `${declared}: ${reason}` })));
    return JSON.stringify(key);
  };
  const detector = loadDetector({ placeholders: await intelPlaceholders(store) });
  // every answer key is checked before anything is written
  for (const a of pack.scenario.alerts) {
    const type = 'declare' in a ? a.declare.type : detector.typeOfCode(a.rule);
    if (type === undefined) throw new ScenarioError(`${dir}: no loaded rule has the code ${'rule' in a ? a.rule : ''} (EventID ${a.eventId})`);
    keyFor(a.eventId, a.eventId, type);
  }

  const before = (await db.selectFrom('alerts').select((eb) => eb.fn.max('id').as('n')).executeTakeFirst())?.n ?? 0;
  let events = 0;
  for (const log of pack.scenario.logs) {
    const summary = await ingestFile(store, join(pack.dir, log.path), { format: log.format, detect: (e) => detector.detect(e), bulk: false });
    events += summary.ingested;
  }

  return db.transaction().execute(async (trx) => {
    const assigned: LoadResult['alerts'] = [];
    for (const a of pack.scenario.alerts) {
      let id: number | undefined;
      if ('declare' in a) {
        const written = await store.writeAlerts([declaredWrite(a.declare)]);
        id = written.created[0];
      } else {
        id = await findMatchedAlert(trx, a.rule, a.match, Number(before));
        if (id === undefined) throw new ScenarioError(`${dir}: no ${a.rule} alert was raised by an event with ${JSON.stringify(a.match)} (EventID ${a.eventId})`);
      }
      const final = await renumber(trx, id!, a.eventId);
      const alert = await trx.selectFrom('alerts').select('type').where('id', '=', final).executeTakeFirstOrThrow();
      await trx.insertInto('answer_keys').values({ alert_id: final, scenario: name, declared_event_id: a.eventId, key: keyFor(a.eventId, final, alert.type) }).execute();
      assigned.push({ declared: a.eventId, eventId: final, assigned: final });
    }
    for (const h of pack.hosts) {
      const { processes, network, terminal, browser, hostname, ip, agent, ...info } = h;
      await trx
        .insertInto('hosts')
        .values({ hostname, scenario: name, ip, agent, contained: 0, info: JSON.stringify(info), processes: JSON.stringify(processes), network: JSON.stringify(network), terminal: JSON.stringify(terminal), browser: JSON.stringify(browser) })
        .onConflict((oc) => oc.column('hostname').doUpdateSet({ scenario: name, ip, agent, info: JSON.stringify(info), processes: JSON.stringify(processes), network: JSON.stringify(network), terminal: JSON.stringify(terminal), browser: JSON.stringify(browser) }))
        .execute();
    }
    let emails = 0;
    for (const box of pack.mailboxes) {
      for (const m of box.messages) {
        const raw = readFileSync(join(box.dir, m.file));
        const mail = await parseMail(raw, Date.now());
        await trx
          .insertInto('emails')
          .values({
            scenario: name, mailbox: box.owner, message_id: mail.messageId, sent_at: mail.sentAt, sender: mail.sender,
            recipients: JSON.stringify(mail.recipients), subject: mail.subject, sender_ip: m.senderIp ?? null, action: m.action,
            attachments: JSON.stringify(mail.attachments), body_text: mail.bodyText, raw, deleted_at: null, deleted_by: null,
          })
          .execute();
        emails++;
      }
    }
    await trx
      .insertInto('scenarios')
      .values({
        name, title: pack.scenario.title, description: pack.scenario.description, difficulty: pack.scenario.difficulty,
        tags: JSON.stringify(pack.scenario.tags), dir: pack.dir, intel: pack.intel ? join(pack.dir, 'intel.yaml') : null, loaded_at: Date.now(),
      })
      .execute();
    return { name, events, alerts: assigned, hosts: pack.hosts.length, emails };
  });
}

