// Request and response schemas of the auth and audit routes, and the presenters that turn records into responses.
import { z } from 'zod';
import type { ApiTokenInfo } from './api-tokens.ts';
import type { AuditRecord } from './audit.ts';
import { ROLES, type AuthUser } from './auth-tables.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-hash.ts';
import type { UserInfo } from './users.ts';
import { USER_NAME_PATTERN } from './users.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const roleSchema = z.enum(ROLES);
const userName = z.string().regex(USER_NAME_PATTERN, 'letters, digits or . _ @ -, at most 64');
const newPassword = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);

export const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const authUserSchema = z.object({ id: z.number(), name: z.string(), role: roleSchema });

export const loginBody = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });

export const sessionResponse = z.object({
  user: authUserSchema,
  via: z.enum(['session', 'token']),
  csrfToken: z.string().nullable().describe('send as x-csrf-token on cookie-authenticated POST/PUT/PATCH/DELETE; null for API tokens'),
  expiresAt: z.string().nullable().describe('when the session ends unless used again; null for API tokens'),
});

export const changeOwnPasswordBody = z.object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword });

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const apiTokenListResponse = z.object({ tokens: z.array(apiTokenSchema) });
export const createTokenBody = z.object({
  name: z.string().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('no expiry when absent'),
});
export const createdTokenResponse = z.object({ token: z.string().describe('shown this once; store it now'), info: apiTokenSchema });

export const userSchema = authUserSchema.extend({ createdAt: z.string(), disabled: z.boolean() });
export const userListResponse = z.object({ users: z.array(userSchema) });
export const createUserBody = z.object({ name: userName, role: roleSchema, password: newPassword.optional().describe('a random one is generated and returned once when absent') });
export const userWithPasswordResponse = z.object({ user: userSchema, password: z.string().optional().describe('the generated password, shown this once') });
export const roleBody = z.object({ role: roleSchema });
export const adminPasswordBody = z.object({ password: newPassword.optional().describe('a random one is generated and returned once when absent') });
export const generatedPasswordResponse = z.object({ password: z.string().optional() });

export const auditQuery = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  targetType: z.string().max(60).optional(),
  targetId: z.string().max(100).optional(),
  since: z.coerce.number().int().optional().describe('epoch ms, inclusive'),
  until: z.coerce.number().int().optional().describe('epoch ms, exclusive'),
  beforeId: z.coerce.number().int().positive().optional().describe('paging: entries older than this id'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export const auditListResponse = z.object({ entries: z.array(auditEntrySchema) });

export const presentUser = (u: UserInfo): z.infer<typeof userSchema> => ({ id: u.id, name: u.name, role: u.role, createdAt: iso(u.createdAt), disabled: u.disabled });
export const presentAuthUser = (u: AuthUser): z.infer<typeof authUserSchema> => ({ id: u.id, name: u.name, role: u.role });
export const presentToken = (t: ApiTokenInfo): z.infer<typeof apiTokenSchema> => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: iso(t.createdAt),
  expiresAt: isoOrNull(t.expiresAt),
  lastUsedAt: isoOrNull(t.lastUsedAt),
  revokedAt: isoOrNull(t.revokedAt),
});
export const presentAudit = (a: AuditRecord): z.infer<typeof auditEntrySchema> => ({ ...a, at: iso(a.at) });
export const emptyResponse = z.null().describe('no content');
