// Intel settings: API keys from environment variables or <dataDir>/intel.json (mode 0600), base URLs, limits, TLP/PAP ceilings.
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ExternalAnalyzer } from './analyzer.ts';
import { EXTERNAL_ANALYZERS } from './analyzers/index.ts';
import type { RateLimit } from './rate-queue.ts';
import { Secret } from './secret.ts';
import type { Pap, Tlp } from './tlp.ts';

const tlpSchema = z.enum(['clear', 'white', 'green', 'amber', 'amber+strict', 'red']).transform((t): Tlp => (t === 'white' ? 'clear' : t));
const papSchema = z.enum(['clear', 'white', 'green', 'amber', 'red']).transform((p): Pap => (p === 'white' ? 'clear' : p));

const providerFileSchema = z.strictObject({
  apiKey: z.string().min(1).optional(),
  enabled: z.boolean().optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  requestsPerMinute: z.number().int().positive().optional(),
  requestsPerDay: z.number().int().positive().optional(),
  cacheTtlHours: z.number().positive().optional(),
  maxTlp: tlpSchema.optional(),
  maxPap: papSchema.optional(),
});

export const intelFileSchema = z.strictObject({
  maxTlp: tlpSchema.optional(),
  maxPap: papSchema.optional(),
  cacheTtlHours: z.number().positive().optional(),
  notFoundTtlHours: z.number().positive().optional(),
  timeoutSeconds: z.number().positive().max(300).optional(),
  maxResponseBytes: z.number().int().positive().optional(),
  waitBudgetSeconds: z.number().nonnegative().optional(),
  /** Lets configured base URLs point at private addresses (an on-premises mirror). */
  allowPrivateAddresses: z.boolean().optional(),
  providers: z.record(z.string(), providerFileSchema).optional(),
});

export type IntelFileConfig = z.input<typeof intelFileSchema>;

export interface ProviderConfig {
  id: string;
  enabled: boolean;
  /** Why it is disabled, when it is. */
  disabledReason?: string;
  key?: Secret;
  baseUrl: string;
  rateLimits: RateLimit[];
  ttlMs: number;
  notFoundTtlMs: number;
  maxTlp: Tlp;
  maxPap: Pap;
}

export interface IntelConfig {
  providers: ReadonlyMap<string, ProviderConfig>;
  timeoutMs: number;
  maxResponseBytes: number;
  waitBudgetMs: number;
  allowPrivateAddresses: boolean;
  /** Problems met while loading (bad file, loose permissions), for the operator. Never contain keys. */
  warnings: string[];
}

export interface LoadIntelConfigOptions {
  /** Where intel.json lives. */
  dataDir?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Settings given directly (tests, API), used instead of reading intel.json. */
  file?: IntelFileConfig;
  /** Base URL per provider id, over the file's (tests point the real clients at local servers). */
  baseUrls?: Readonly<Record<string, string>>;
}

const HOUR = 3_600_000;

export function intelConfigPath(dataDir: string): string {
  return join(dataDir, 'intel.json');
}

function readFile(dataDir: string | undefined, warnings: string[]): { file: IntelFileConfig; keysAllowed: boolean } {
  if (dataDir === undefined) return { file: {}, keysAllowed: true };
  const path = intelConfigPath(dataDir);
  if (!existsSync(path)) return { file: {}, keysAllowed: true };
  let keysAllowed = true;
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    keysAllowed = false;
    warnings.push(`${path} is readable by other users (mode ${mode.toString(8)}): its API keys are ignored until you run chmod 600 on it`);
  }
  try {
    return { file: JSON.parse(readFileSync(path, 'utf8')) as IntelFileConfig, keysAllowed };
  } catch (err) {
    warnings.push(`${path} is not valid JSON (${err instanceof Error ? err.message : String(err)}); using defaults`);
    return { file: {}, keysAllowed: false };
  }
}

function resolveProvider(a: ExternalAnalyzer, file: z.output<typeof intelFileSchema>, keysAllowed: boolean, env: LoadIntelConfigOptions['env'], baseUrl: string | undefined): ProviderConfig {
  const p = file.providers?.[a.id] ?? {};
  const envName = a.keyEnv.find((name) => (env?.[name] ?? '').trim() !== '');
  const rawKey = envName !== undefined ? env![envName]!.trim() : keysAllowed ? p.apiKey : undefined;
  const limits = a.rateLimits.map((l) => {
    if (l.intervalMs === 60_000 && p.requestsPerMinute !== undefined) return { ...l, requests: p.requestsPerMinute };
    if (l.intervalMs === 86_400_000 && p.requestsPerDay !== undefined) return { ...l, requests: p.requestsPerDay };
    return l;
  });
  const config: ProviderConfig = {
    id: a.id,
    enabled: rawKey !== undefined && p.enabled !== false,
    baseUrl: (baseUrl ?? p.baseUrl ?? a.defaultBaseUrl).replace(/\/+$/, ''),
    rateLimits: limits,
    ttlMs: (p.cacheTtlHours ?? file.cacheTtlHours ?? 24) * HOUR,
    notFoundTtlMs: (file.notFoundTtlHours ?? 6) * HOUR,
    maxTlp: p.maxTlp ?? file.maxTlp ?? 'amber',
    maxPap: p.maxPap ?? file.maxPap ?? 'amber',
  };
  if (rawKey !== undefined) config.key = new Secret(rawKey);
  if (p.enabled === false) config.disabledReason = 'turned off in intel.json';
  else if (rawKey === undefined) config.disabledReason = `no API key: set ${a.keyEnv.join(' or ')}, or providers.${a.id}.apiKey in intel.json`;
  return config;
}

/** Resolves every provider's settings. Environment variables win over intel.json; a bad file gives warnings, not an exception. */
export function loadIntelConfig(options: LoadIntelConfigOptions = {}): IntelConfig {
  const warnings: string[] = [];
  const read = options.file !== undefined ? { file: options.file, keysAllowed: true } : readFile(options.dataDir, warnings);
  const parsed = intelFileSchema.safeParse(read.file);
  let file: z.output<typeof intelFileSchema> = {};
  if (parsed.success) file = parsed.data;
  else {
    const issue = parsed.error.issues[0];
    warnings.push(`intel settings ignored: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  for (const id of Object.keys(file.providers ?? {})) {
    if (!EXTERNAL_ANALYZERS.some((a) => a.id === id)) warnings.push(`intel settings name an unknown provider "${id}"`);
  }
  const env = options.env ?? process.env;
  const providers = new Map<string, ProviderConfig>();
  for (const a of EXTERNAL_ANALYZERS) providers.set(a.id, resolveProvider(a, file, read.keysAllowed, env, options.baseUrls?.[a.id]));
  return {
    providers,
    timeoutMs: (file.timeoutSeconds ?? 15) * 1000,
    maxResponseBytes: file.maxResponseBytes ?? 8 * 1024 * 1024,
    waitBudgetMs: (file.waitBudgetSeconds ?? 120) * 1000,
    allowPrivateAddresses: file.allowPrivateAddresses ?? false,
    warnings,
  };
}

/** Writes intel.json with mode 0600 (owner read/write only), whatever the umask. */
export function writeIntelConfigFile(dataDir: string, file: IntelFileConfig): void {
  const checked = intelFileSchema.parse(file);
  const path = intelConfigPath(dataDir);
  writeFileSync(path, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
