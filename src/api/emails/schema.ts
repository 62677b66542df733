// Shapes of the Email Security routes: the search filter, the list, a deletion (a message's shape is src/soc/emails.ts's).
import { z } from 'zod';
import { emailSummarySchema } from '../../soc/emails.ts';

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

export const emailListSchema = z.object({ emails: z.array(emailSummarySchema) });

export const emailDeletedSchema = z.object({ id: z.number().int(), deleted: z.literal(true) });
