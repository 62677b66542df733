// /api/audit: the audit trail, read-only (leads and admins); nothing in the API can change or remove an entry.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAudit } from './audit.ts';
import { requireRole, type AuthContext } from './guards.ts';
import { auditListResponse, auditQuery, presentAudit } from './schema.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ auth: AuthContext }> = async (app, { auth }) => {
  app.get(
    '/',
    { onRequest: requireRole('lead'), schema: { summary: 'Audit trail entries, newest first (lead, admin)', tags: ['audit'], querystring: auditQuery, response: { 200: auditListResponse } } },
    async (request) => ({ entries: (await listAudit(auth.store, request.query)).map(presentAudit) }),
  );
};
