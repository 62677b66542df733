// Monitoring routes: the alert channels with filters, and one alert with the events that raised it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getAlert, listAlerts } from '../../soc/alerts-query.ts';
import type { EventStore } from '../../store/store.ts';
import { ApiError } from '../errors.ts';
import { alertDetailResponse, alertListQuery, alertListResponse, eventIdParams } from './schema.ts';

export const alertRoutes: FastifyPluginAsyncZod<{ store: EventStore }> = async (app, { store }) => {
  app.get(
    '/',
    { schema: { summary: 'List alerts', tags: ['alerts'], querystring: alertListQuery, response: { 200: alertListResponse } } },
    async (request) => listAlerts(store, request.query),
  );
  app.get(
    '/:eventId',
    { schema: { summary: 'One alert and its events', tags: ['alerts'], params: eventIdParams, response: { 200: alertDetailResponse } } },
    async (request) => {
      const alert = await getAlert(store, request.params.eventId);
      if (!alert) throw new ApiError(404, 'not_found', `no alert with EventID ${request.params.eventId}`);
      return { ...alert, events: alert.events.map((e) => ({ id: e.id, timestamp: e.timestamp, raw: e.raw, fields: e.fields })) };
    },
  );
};
