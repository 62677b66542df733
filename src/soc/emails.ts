// Email Security: quick and detailed search over the mailboxes, one message, delete (audited), attachments as a zip.
import type { Selectable } from 'kysely';
import { BlobWriter, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import PostalMime from 'postal-mime';
import { z } from 'zod';
import { containsText } from '../store/like.ts';
import type { EventStore } from '../store/store.ts';
import { audit, WorkflowError, type Actor } from './workflow.ts';
import { workflowDb, type WorkflowTables } from './workflow-tables.ts';

export interface EmailSearch {
  /** Quick search: any of sender, recipients, subject, attachment names, body. */
  q?: string;
  sender?: string;
  recipient?: string;
  subject?: string;
  senderIp?: string;
  attachment?: string;
  body?: string;
  action?: string;
  from?: number;
  to?: number;
  limit?: number;
}

export const emailSummarySchema = z.object({
  id: z.number().int(),
  date: z.string(),
  sender: z.string(),
  recipients: z.array(z.string()),
  subject: z.string(),
  action: z.string(),
  senderIp: z.string().nullable(),
  attachments: z.array(z.object({ name: z.string(), mime: z.string(), size: z.number().int() })),
  mailbox: z.string(),
});
export type EmailSummary = z.infer<typeof emailSummarySchema>;

export async function searchEmails(store: EventStore, s: EmailSearch = {}): Promise<EmailSummary[]> {
  let query = workflowDb(store).selectFrom('emails').select(['id', 'sent_at', 'sender', 'recipients', 'subject', 'action', 'sender_ip', 'attachments', 'mailbox']).where('deleted_at', 'is', null);
  if (s.q) {
    const q = s.q;
    query = query.where((eb) => eb.or(['sender', 'recipients', 'subject', 'attachments', 'body_text'].map((c) => containsText(c, q))));
  }
  const fields: [keyof EmailSearch, 'sender' | 'recipients' | 'subject' | 'sender_ip' | 'attachments' | 'body_text' | 'action'][] = [
    ['sender', 'sender'], ['recipient', 'recipients'], ['subject', 'subject'], ['senderIp', 'sender_ip'], ['attachment', 'attachments'], ['body', 'body_text'], ['action', 'action'],
  ];
  for (const [key, column] of fields) {
    const value = s[key];
    if (typeof value === 'string' && value !== '') query = query.where(containsText(column, value));
  }
  if (s.from !== undefined) query = query.where('sent_at', '>=', s.from);
  if (s.to !== undefined) query = query.where('sent_at', '<', s.to);
  const rows = await query.orderBy('sent_at', 'desc').limit(s.limit ?? 100).execute();
  return rows.map(summaryOf);
}

type SummaryRow = Pick<Selectable<WorkflowTables['emails']>, 'id' | 'sent_at' | 'sender' | 'recipients' | 'subject' | 'action' | 'sender_ip' | 'attachments' | 'mailbox'>;

/** The only way a stored message becomes a list row. */
function summaryOf(r: SummaryRow): EmailSummary {
  return {
    id: r.id,
    date: new Date(r.sent_at).toISOString(),
    sender: r.sender,
    recipients: JSON.parse(r.recipients) as string[],
    subject: r.subject,
    action: r.action,
    senderIp: r.sender_ip,
    attachments: JSON.parse(r.attachments) as EmailSummary['attachments'],
    mailbox: r.mailbox,
  };
}

export const emailViewSchema = emailSummarySchema.extend({
  messageId: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable().describe('the HTML body as sent: render it only in a sandboxed frame with a strict CSP'),
  headers: z.array(z.object({ key: z.string(), value: z.string() })),
});
export type EmailView = z.infer<typeof emailViewSchema>;

async function loadRow(store: EventStore, id: number) {
  const row = await workflowDb(store).selectFrom('emails').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new WorkflowError(404, 'not_found', `no e-mail ${id}`);
  return row;
}

export async function getEmail(store: EventStore, id: number): Promise<EmailView> {
  const row = await loadRow(store, id);
  const mail = await PostalMime.parse(row.raw);
  return {
    ...summaryOf(row),
    messageId: row.message_id,
    text: mail.text ?? '',
    html: mail.html ?? null,
    headers: mail.headers.map((h) => ({ key: h.originalKey, value: h.value })),
  };
}

/** Removes a message from its mailbox (kept for the audit trail, hidden everywhere else). */
export async function deleteEmail(store: EventStore, id: number, actor: Actor): Promise<{ id: number; deleted: true }> {
  return workflowDb(store).transaction().execute(async (trx) => {
    const row = await trx.selectFrom('emails').select(['id', 'mailbox', 'subject']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new WorkflowError(404, 'not_found', `no e-mail ${id}`);
    await trx.updateTable('emails').set({ deleted_at: Date.now(), deleted_by: actor.name }).where('id', '=', id).execute();
    await audit(trx, { actor: actor.name, action: 'email.delete', targetType: 'email', targetId: id, fromState: row.mailbox, toState: 'deleted', detail: { subject: row.subject }, ip: actor.ip });
    return { id, deleted: true as const };
  });
}

/** The message's attachments in a zip protected with the password `infected`, as malware samples are exchanged. */
export async function attachmentsZip(store: EventStore, id: number): Promise<Uint8Array> {
  const row = await loadRow(store, id);
  const mail = await PostalMime.parse(row.raw);
  if (mail.attachments.length === 0) throw new WorkflowError(404, 'not_found', `e-mail ${id} has no attachments`);
  const zip = new ZipWriter(new BlobWriter('application/zip'), { password: 'infected', zipCrypto: true });
  const used = new Set<string>();
  for (const [i, a] of mail.attachments.entries()) {
    let name = (a.filename ?? `attachment-${i + 1}`).replace(/[\\/]/g, '_');
    while (used.has(name)) name = `${i + 1}-${name}`;
    used.add(name);
    const bytes = typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content);
    await zip.add(name, new Uint8ArrayReader(bytes));
  }
  return new Uint8Array(await (await zip.close()).arrayBuffer());
}
