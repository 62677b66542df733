// Shapes of the training routes: scenario packs, loading and resetting one, the metrics and alerts over time.
import { z } from 'zod';
import { SEVERITIES } from '../../detect/rule-meta.ts';

export const scenarioListSchema = z.object({
  scenarios: z.array(
    z.object({
      name: z.string(),
      dir: z.string(),
      loaded: z.boolean(),
      title: z.string().optional(),
      description: z.string().optional(),
      difficulty: z.string().optional(),
      tags: z.array(z.string()).optional(),
      loadedAt: z.string().optional(),
    }),
  ),
});

export const loadResultSchema = z.object({
  name: z.string(),
  events: z.number().int(),
  alerts: z.array(z.object({ declared: z.number().int(), eventId: z.number().int(), assigned: z.number().int() })),
  hosts: z.number().int(),
  emails: z.number().int(),
});

export const resetResultSchema = z.object({ alerts: z.number().int().describe('alerts back in the Main Channel') });

const ms = z.number().nullable();

export const metricsSchema = z.object({
  alerts: z.object({ total: z.number().int(), main: z.number().int(), investigation: z.number().int(), closed: z.number().int() }),
  bySeverity: z.record(z.string(), z.number().int()),
  mtta: ms.describe('mean time from an alert being raised to being owned (ms); null with no data'),
  mttr: ms.describe('mean time from an alert being raised to being closed (ms); null with no data'),
  perAlert: z.array(z.object({ eventId: z.number().int(), timeToOwn: ms, timeToClose: ms })),
  rules: z.array(z.object({ rule: z.string(), truePositives: z.number().int(), falsePositives: z.number().int(), truePositiveRate: z.number() })),
  analysts: z.array(
    z.object({
      analyst: z.string(),
      closedAlerts: z.number().int(),
      correctVerdicts: z.number().int(),
      verdictPoints: z.number(),
      playbookPoints: z.number(),
      total: z.number(),
      scoredAnswered: z.number().int(),
      scoredCorrect: z.number().int(),
      successRate: z.number().nullable(),
    }),
  ),
});

const perBucket = z.array(z.number().int());

export const alertTimelineSchema = z.object({
  total: z.number().int(),
  width: z.number().int().describe('bucket width in ms'),
  starts: z.array(z.number()).describe('bucket starts, epoch ms, oldest first'),
  counts: z.object({ Low: perBucket, Medium: perBucket, High: perBucket, Critical: perBucket } satisfies Record<(typeof SEVERITIES)[number], typeof perBucket>),
});
