// Shapes of the Email Security routes: the search filter, the list, one message, a deletion.
import { z } from 'zod';

const text = z.string().max(500).optional();

export const emailSearchQuery = z.object({
  q: text.describe('any of sender, recipients, subject, attachment names, body'),
  sender: text,
  recipient: text,
  subject: text,
  senderIp: text,
  attachment: text,
  body: text,
  action: text,
  from: z.coerce.number().optional().describe('epoch ms'),
  to: z.coerce.number().optional().describe('epoch ms'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

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

export const emailListSchema = z.object({ emails: z.array(emailSummarySchema) });

export const emailViewSchema = emailSummarySchema.extend({
  messageId: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable().describe('the HTML body as sent: render it only in a sandboxed frame with a strict CSP'),
  headers: z.array(z.object({ key: z.string(), value: z.string() })),
});

export const emailDeletedSchema = z.object({ id: z.number().int(), deleted: z.literal(true) });
