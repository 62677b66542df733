// The `watchfloor:` custom attribute of a Sigma rule: what an alert from the rule looks like in the SOC (code, type, playbook…).
import { z } from 'zod';
import type { DocumentBase } from './sigma/ast.ts';

export const ALERT_TYPES = [
  'Proxy', 'Malware', 'Exchange', 'Web Attack', 'ThreatIntel', 'Brute Force', 'Data Leakage', 'Unauthorized Access', 'C2',
] as const;
export const SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;
/** Field layouts of alerts (PRODUCT.md §3). */
export const FAMILIES = ['proxy', 'malware', 'edr', 'exchange', 'web-attack', 'brute-force'] as const;
export const PLAYBOOKS = ['proxy', 'malware', 'phishing', 'web-attack', 'threat-intel', 'brute-force'] as const;

export type AlertType = (typeof ALERT_TYPES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Family = (typeof FAMILIES)[number];

const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `10m`, `2h`, `1d` → milliseconds. */
export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new RangeError(`not a duration: ${text} (use 30s, 10m, 2h, 1d)`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

export const ruleMetaSchema = z
  .object({
    code: z.string().regex(/^SOC\d{3}$/, 'a catalogue code such as SOC119'),
    /** Defaults to the rule's title. */
    name: z.string().min(1).optional(),
    type: z.enum(ALERT_TYPES),
    family: z.enum(FAMILIES),
    playbook: z.enum(PLAYBOOKS),
    /** Defaults from the Sigma level: informational/low → Low, medium → Medium, high → High, critical → Critical. */
    severity: z.enum(SEVERITIES).optional(),
    /** The analyst tier the alert is for, shown as "Level". */
    tier: z.string().default('Security Analyst'),
    /** MITRE ATT&CK technique ids; `attack.tNNNN` tags are added to these. */
    mitre: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)).default([]),
    /** A hint shown with the alert. */
    hint: z.string().optional(),
    /** Matches of the same rule with equal values of `by` within `window` make one alert with a count. */
    suppress: z
      .object({
        window: z.string().regex(DURATION, 'a duration such as 10m'),
        by: z.array(z.string()).min(1),
      })
      .optional(),
  })
  .strict();

export type RuleMeta = z.infer<typeof ruleMetaSchema> & { name: string; severity: Severity };

const LEVEL_SEVERITY: Record<string, Severity> = {
  informational: 'Low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/**
 * The rule's `watchfloor:` attribute, validated, with defaults filled in; undefined when the rule has none (a plain
 * Sigma rule: its alerts get a generic layout). Throws an Error naming the problem when the attribute is malformed.
 */
export function ruleMeta(rule: DocumentBase): RuleMeta | undefined {
  const raw = rule.custom.watchfloor;
  if (raw === undefined) return undefined;
  const parsed = ruleMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`watchfloor.${issue.path.join('.')}: ${issue.message}`);
  }
  const tagged = rule.tags.filter((t) => /^attack\.t\d{4}(\.\d{3})?$/i.test(t)).map((t) => t.slice(7).toUpperCase());
  return {
    ...parsed.data,
    name: parsed.data.name ?? rule.title,
    severity: parsed.data.severity ?? LEVEL_SEVERITY[rule.level ?? 'medium'] ?? 'Medium',
    mitre: [...new Set([...parsed.data.mitre, ...tagged])],
  };
}
