// Endpoint Security routes: host list and search, one host with its tabs, the containment switch.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getHost, hostDetailSchema, hostSummarySchema, listHosts, setContainment } from '../../soc/endpoints.ts';
import type { EventStore } from '../../store/store.ts';
import { actorOf } from '../alerts/workflow-routes.ts';
import { hostListSchema } from './schema.ts';

const hostParams = z.object({ hostname: z.string().min(1).max(255) });

export const hostRoutes: FastifyPluginAsyncZod<{ store: EventStore }> = async (app, { store }) => {
  app.get('/', { schema: { summary: 'Hosts, searched by hostname, IP, process name or hash', tags: ['endpoints'], querystring: z.object({ q: z.string().max(500).default('') }), response: { 200: hostListSchema } } }, async (request) => ({
    hosts: await listHosts(store, request.query.q),
  }));
  app.get('/:hostname', { schema: { summary: 'Host Information and its Processes, Network Action, Terminal and Browser History', tags: ['endpoints'], params: hostParams, response: { 200: hostDetailSchema } } }, async (request) =>
    getHost(store, request.params.hostname),
  );
  app.post(
    '/:hostname/containment',
    { schema: { summary: 'Contain or release a host (needs a running agent; audited)', tags: ['endpoints'], params: hostParams, body: z.object({ contained: z.boolean() }), response: { 200: hostSummarySchema } } },
    async (request) => setContainment(store, request.params.hostname, request.body.contained, actorOf(request)),
  );
};
