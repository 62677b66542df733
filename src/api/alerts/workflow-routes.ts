// Alert lifecycle routes: take ownership, assign (lead), create case, close with a verdict, re-investigate; closed list.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser, requireRole } from '../../auth/guards.ts';
import { NOTE_MAX_LENGTH } from '../../soc/artifacts/limits.ts';
import { listClosed } from '../../soc/closed-query.ts';
import type { Actor, Workflow } from '../../soc/workflow.ts';
import type { EventStore } from '../../store/store.ts';
import type { FastifyRequest } from 'fastify';
import { eventIdParams } from './schema.ts';
import { caseOpenedSchema, closedListSchema, closeResultSchema, ownershipSchema } from './workflow-schema.ts';

export function actorOf(request: FastifyRequest): Actor {
  const user = currentUser(request);
  return { name: user.name, role: user.role, ip: request.ip };
}

export const workflowRoutes: FastifyPluginAsyncZod<{ store: EventStore; workflow: Workflow }> = async (app, { store, workflow }) => {
  app.post('/:eventId/take', { schema: { summary: 'Take ownership (Main Channel → Investigation Channel)', tags: ['alerts'], params: eventIdParams, response: { 200: ownershipSchema } } }, async (request) =>
    workflow.takeOwnership(request.params.eventId, actorOf(request)),
  );
  app.post(
    '/:eventId/assign',
    { onRequest: requireRole('lead'), schema: { summary: 'Assign or reassign an alert (lead)', tags: ['alerts'], params: eventIdParams, body: z.object({ owner: z.string().min(1).max(64) }), response: { 200: ownershipSchema } } },
    async (request) => workflow.assign(request.params.eventId, request.body.owner, actorOf(request)),
  );
  app.post('/:eventId/case', { schema: { summary: 'Create (or open) the case of an alert under investigation', tags: ['alerts'], params: eventIdParams, response: { 200: caseOpenedSchema } } }, async (request) =>
    workflow.createCase(request.params.eventId, actorOf(request)),
  );
  app.post(
    '/:eventId/close',
    {
      schema: {
        summary: 'Close an alert with a verdict and a note',
        tags: ['alerts'],
        params: eventIdParams,
        body: z.object({ verdict: z.enum(['True Positive', 'False Positive']), note: z.string().min(1).max(NOTE_MAX_LENGTH) }),
        response: { 200: closeResultSchema },
      },
    },
    async (request) => workflow.close(request.params.eventId, request.body, actorOf(request)),
  );
  app.post('/:eventId/reinvestigate', { schema: { summary: 'Re-investigate a closed alert (the closed entry stays)', tags: ['alerts'], params: eventIdParams, response: { 200: ownershipSchema } } }, async (request) =>
    workflow.reinvestigate(request.params.eventId, actorOf(request)),
  );
  app.get(
    '/closed/investigations',
    { schema: { summary: 'Closed Alerts: one row per closed investigation with its result and score', tags: ['alerts'], querystring: z.object({ owner: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) }), response: { 200: closedListSchema } } },
    async (request) => ({ closed: await listClosed(store, request.query) }),
  );
};
