// Request and response schemas of the alert routes.
import { z } from 'zod';
import { CHANNELS } from '../../soc/alerts-query.ts';

export const alertListQuery = z.object({
  channel: z.enum(CHANNELS).optional(),
  severity: z.enum(['Low', 'Medium', 'High', 'Critical']).optional(),
  type: z.string().max(60).optional(),
  rule: z.string().max(200).optional(),
  owner: z.string().max(100).optional(),
  from: z.coerce.number().int().optional().describe('epoch ms'),
  to: z.coerce.number().int().optional().describe('epoch ms'),
  text: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const alertSchema = z.object({
  eventId: z.number(),
  rule: z.object({ key: z.string(), code: z.string().nullable(), name: z.string() }),
  type: z.string(),
  family: z.string(),
  playbook: z.string().nullable(),
  severity: z.string(),
  level: z.string(),
  eventTime: z.string(),
  lastSeen: z.string(),
  count: z.number(),
  channel: z.string(),
  owner: z.string().nullable(),
  fields: z.array(z.object({ label: z.string(), value: z.string().nullable() })),
  mitre: z.array(z.string()),
  hint: z.string().nullable(),
  trigger: z.string(),
  createdAt: z.string(),
});

export const alertListResponse = z.object({ alerts: z.array(alertSchema), total: z.number() });

export const alertDetailResponse = alertSchema.extend({
  events: z.array(z.object({ id: z.number(), timestamp: z.number(), raw: z.string(), fields: z.record(z.string(), z.unknown()) })),
});

export const eventIdParams = z.object({ eventId: z.coerce.number().int().positive() });
