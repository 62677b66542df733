// Log Management routes: search with cursor pagination, interesting fields (top values), and the time histogram.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fieldStats, histogram, searchEvents } from '../../search/search.ts';
import type { EventStore } from '../../store/store.ts';
import { fieldsQuery, fieldsResponse, histogramQuery, histogramResponse, searchQuery, searchResponse } from './schema.ts';

export const logRoutes: FastifyPluginAsyncZod<{ store: EventStore }> = async (app, { store }) => {
  app.get(
    '/search',
    { schema: { summary: 'Search events', tags: ['logs'], querystring: searchQuery, response: { 200: searchResponse } } },
    async (request) => {
      const { q, from, to, limit, cursor, sort } = request.query;
      const result = await searchEvents(store, { query: q, from, to, limit, cursor, sort });
      return {
        ...result,
        events: result.events.map((e) => ({ id: e.id, timestamp: e.timestamp, fields: stripUndefined(e.fields), raw: e.raw })),
      };
    },
  );

  app.get(
    '/fields',
    { schema: { summary: 'Top values per field over a search', tags: ['logs'], querystring: fieldsQuery, response: { 200: fieldsResponse } } },
    async (request) => {
      const { q, from, to, fields, size } = request.query;
      return fieldStats(store, { query: q, from, to, size, fields: fields?.split(',').map((f) => f.trim()).filter(Boolean) });
    },
  );

  app.get(
    '/histogram',
    { schema: { summary: 'Event counts over time', tags: ['logs'], querystring: histogramQuery, response: { 200: histogramResponse } } },
    async (request) => {
      const { q, from, to, buckets } = request.query;
      return histogram(store, { query: q, from, to, buckets });
    },
  );
};

function stripUndefined<T extends object>(fields: T): Record<string, Exclude<T[keyof T], undefined>> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, Exclude<T[keyof T], undefined>>;
}
