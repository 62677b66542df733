// Request and response schemas of the log routes (search, interesting fields, histogram).
import { z } from 'zod';

const time = z
  .string()
  .max(40)
  .describe('ISO 8601 time or epoch milliseconds')
  .optional();

export const rangeQuery = z.object({
  q: z.string().max(10_000).default('').describe('query (docs/query-language.md)'),
  from: time,
  to: time,
});

export const searchQuery = rangeQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
  sort: z.enum(['asc', 'desc']).default('desc'),
});

export const fieldsQuery = rangeQuery.extend({
  fields: z.string().max(2000).optional().describe('comma-separated field names; default: the hot fields'),
  size: z.coerce.number().int().min(1).max(100).default(10),
});

export const histogramQuery = rangeQuery.extend({
  buckets: z.coerce.number().int().min(1).max(1000).default(60),
});

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.array(z.number())]);

export const eventSchema = z.object({
  id: z.number(),
  timestamp: z.number(),
  fields: z.record(z.string(), fieldValue),
  raw: z.string(),
});

export const searchResponse = z.object({
  events: z.array(eventSchema),
  total: z.number(),
  totalCapped: z.boolean(),
  nextCursor: z.string().optional(),
  tookMs: z.number(),
});

export const fieldsResponse = z.object({
  fields: z.array(
    z.object({
      field: z.string(),
      present: z.number(),
      values: z.array(z.object({ value: z.union([z.string(), z.number()]), count: z.number() })),
    }),
  ),
  sampled: z.number(),
});

export const histogramResponse = z.object({
  interval: z.number(),
  buckets: z.array(z.object({ start: z.number(), count: z.number() })),
});
