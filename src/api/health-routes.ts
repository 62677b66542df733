// GET /api/health: is the server up and its store readable.
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EventStore } from '../store/store.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ store: EventStore }> = async (app, { store }) => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and store status',
        tags: ['system'],
        response: { 200: z.object({ status: z.literal('ok'), store: z.enum(['sqlite', 'postgres']), lastEventId: z.number() }) },
      },
    },
    async () => {
      const { rows } = await sql<{ n: number }>`SELECT max(id) AS n FROM events`.execute(store.db);
      return { status: 'ok' as const, store: store.kind, lastEventId: rows[0]?.n ?? 0 };
    },
  );
};
