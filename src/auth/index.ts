// The auth module's public surface: install it on the server, gate routes by role, manage users and tokens, write and read the audit trail.
export { installAuth, PUBLIC_ROUTES, type AuthOptions } from './install-auth.ts';
export { currentUser, requireRole, CSRF_HEADER, SESSION_COOKIE, type AuthContext, type Credentials } from './guards.ts';
export { AuthError, authErrorHandler, forbidden, sendAuthError, unauthorized, type AuthErrorCode } from './auth-errors.ts';
export { ROLES, roleAtLeast, type AuditContext, type AuthStore, type AuthTables, type AuthUser, type Role } from './auth-tables.ts';
export { createUser, disableUser, enableUser, ensureFirstAdmin, getUser, listUsers, setPassword, setRole, type UserInfo } from './users.ts';
export { createApiToken, listApiTokens, revokeApiToken, resolveApiToken, type ApiTokenInfo } from './api-tokens.ts';
export { listAudit, writeAudit, type AuditEntry, type AuditFilter, type AuditRecord } from './audit.ts';
export { listenOptions, warnIfExposed, isLoopback } from './tls.ts';
export { purgeExpiredSessions, DEFAULT_SESSION_POLICY, type SessionPolicy } from './sessions.ts';
