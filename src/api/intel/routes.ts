// Threat Intel routes: the indicator list with counters and filters, the providers, and lookups across them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { countIndicators, describeProviders, lookupObservable, PROVIDER_IDS, queryIndicators } from '../../intel/index.ts';
import type { IntelHolder } from './intel-holder.ts';
import { indicatorListSchema, lookupResultSchema, providerListSchema } from './schema.ts';
import type { EventStore } from '../../store/store.ts';

const indicatorQuery = z.object({
  text: z.string().max(500).optional(),
  type: z.enum(['url', 'domain', 'ip', 'md5', 'sha1', 'sha256', 'email', 'hash']).optional(),
  value: z.string().max(2000).optional(),
  tag: z.string().max(200).optional(),
  source: z.string().max(200).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(500).optional(),
});

const lookupBody = z.object({
  value: z.string().min(1).max(4096),
  providers: z.array(z.enum(PROVIDER_IDS as unknown as [string, ...string[]])).optional(),
  refresh: z.boolean().optional(),
});

export const intelRoutes: FastifyPluginAsyncZod<{ store: EventStore; intel: IntelHolder }> = async (app, { store, intel }) => {
  app.get(
    '/indicators',
    { schema: { summary: 'Local indicators with counters per type', tags: ['intel'], querystring: indicatorQuery, response: { 200: indicatorListSchema } } },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const { type, ...rest } = filters;
      return { counts: await countIndicators(store, rest), page: await queryIndicators(store, { ...filters, type, limit, cursor }) };
    },
  );
  app.get(
    '/providers',
    { schema: { summary: 'Configured providers (never their keys)', tags: ['intel'], response: { 200: providerListSchema } } },
    async () => ({ providers: describeProviders(await intel.get()) }),
  );
  app.post(
    '/lookup',
    { schema: { summary: 'Look an observable up with every configured provider', tags: ['intel'], body: lookupBody, response: { 200: lookupResultSchema } } },
    async (request) => {
      const { value, providers, refresh } = request.body;
      return lookupObservable(await intel.get(), value, { providers, refresh });
    },
  );
};
