// The shapes of a scenario pack's files (docs/scenario-format.md), as zod schemas.
import { z } from 'zod';
import { ALERT_TYPES, FAMILIES, PLAYBOOKS, SEVERITIES } from '../detect/rule-meta.ts';
import { FORMAT_NAMES } from '../events/parsers/index.ts';

const time = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'an ISO 8601 time');
const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'a path inside the pack');

export const declaredAlertSchema = z
  .object({
    rule: z.string().regex(/^SOC\d{3}$/),
    name: z.string().min(1),
    type: z.enum(ALERT_TYPES),
    family: z.enum(FAMILIES),
    playbook: z.enum(PLAYBOOKS),
    severity: z.enum(SEVERITIES),
    time,
    level: z.string().default('Security Analyst'),
    fields: z.record(z.string(), z.union([z.string(), z.number()])),
    mitre: z.array(z.string()).default([]),
    hint: z.string().optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
    title: z.string().min(1),
    description: z.string().min(1),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    tags: z.array(z.string()).default([]),
    logs: z.array(z.object({ path: relativePath, format: z.enum(['auto', ...FORMAT_NAMES]).default('auto') }).strict()).default([]),
    alerts: z
      .array(
        z.union([
          z.object({ eventId: z.number().int().positive(), rule: z.string().regex(/^SOC\d{3}$/), match: z.record(z.string(), z.union([z.string(), z.number()])) }).strict(),
          z.object({ eventId: z.number().int().positive(), declare: declaredAlertSchema }).strict(),
        ]),
      )
      .min(1),
  })
  .strict();

export const answerKeySchema = z.record(
  z.string().regex(/^\d+$/, 'an EventID'),
  z
    .object({
      verdict: z.enum(['True Positive', 'False Positive']),
      answers: z.record(z.string(), z.string()).default({}),
      artifacts: z.array(z.object({ type: z.string(), value: z.string() }).strict()).default([]),
      explanation: z.string().optional(),
    })
    .strict(),
);

export const processSchema: z.ZodType<ProcessEntry> = z.lazy(() =>
  z
    .object({
      time,
      pid: z.number().int().nonnegative(),
      name: z.string().min(1),
      parent: z.string().optional(),
      commandLine: z.string().optional(),
      imagePath: z.string().optional(),
      hash: z.string().optional(),
      children: z.array(processSchema).default([]),
    })
    .strict(),
);

export interface ProcessEntry {
  time: string;
  pid: number;
  name: string;
  parent?: string;
  commandLine?: string;
  imagePath?: string;
  hash?: string;
  children: ProcessEntry[];
}

export const hostSchema = z
  .object({
    hostname: z.string().min(1),
    domain: z.string().optional(),
    ip: z.string().min(1),
    bits: z.union([z.literal(32), z.literal(64)]),
    os: z.string().min(1),
    primaryUser: z.string().optional(),
    role: z.enum(['client', 'server']),
    lastLogin: time.optional(),
    agent: z.enum(['running', 'down', 'none']),
    processes: z.array(processSchema).default([]),
    network: z.array(z.object({ time, remoteIp: z.string(), remotePort: z.number().int().min(0).max(65535) }).strict()).default([]),
    terminal: z.array(z.object({ time, command: z.string() }).strict()).default([]),
    browser: z.array(z.object({ time, url: z.string() }).strict()).default([]),
  })
  .strict();

export const mailboxSchema = z
  .object({
    owner: z.string().min(3),
    messages: z.array(
      z
        .object({
          file: relativePath,
          action: z.enum(['Allowed', 'Blocked', 'Quarantined', 'Cleaned', 'Detected']),
          senderIp: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type AnswerKey = z.infer<typeof answerKeySchema>;
export type HostSpec = z.infer<typeof hostSchema>;
export type MailboxSpec = z.infer<typeof mailboxSchema>;
export type DeclaredAlert = z.infer<typeof declaredAlertSchema>;
