// Training routes: the scenarios (shipped and loaded), loading and resetting one (lead), the metrics and alerts over time.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../auth/guards.ts';
import { loadResultSchema, ScenarioError } from '../../scenarios/load-pack.ts';
import { listScenarios, loadScenario, resetScenario } from '../../scenarios/scenarios.ts';
import { alertTimeline, alertTimelineSchema } from '../../soc/alert-timeline.ts';
import { computeMetrics, metricsSchema } from '../../soc/metrics.ts';
import type { EventStore } from '../../store/store.ts';
import { ApiError } from '../errors.ts';
import { resetResultSchema, scenarioListSchema } from './schema.ts';

const nameParams = z.object({ name: z.string().regex(/^[a-z0-9-]+$/) });

async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScenarioError) throw new ApiError(400, 'bad_request', error.message);
    throw error;
  }
}

export const scenarioRoutes: FastifyPluginAsyncZod<{ store: EventStore }> = async (app, { store }) => {
  app.get('/scenarios', { schema: { summary: 'Scenario packs, shipped and loaded', tags: ['training'], response: { 200: scenarioListSchema } } }, async () => ({ scenarios: await listScenarios(store) }));
  app.post('/scenarios/:name/load', { onRequest: requireRole('lead'), schema: { summary: 'Load a shipped scenario pack (lead)', tags: ['training'], params: nameParams, response: { 200: loadResultSchema } } }, async (request) =>
    refusing(() => loadScenario(store, request.params.name)),
  );
  app.post('/scenarios/:name/reset', { onRequest: requireRole('lead'), schema: { summary: "Start a scenario's exercise again (lead)", tags: ['training'], params: nameParams, response: { 200: resetResultSchema } } }, async (request) =>
    refusing(() => resetScenario(store, request.params.name)),
  );
  app.get('/metrics', { schema: { summary: 'MTTA, MTTR, true/false positives per rule, training scores', tags: ['training'], response: { 200: metricsSchema } } }, async () =>
    computeMetrics(store),
  );
  app.get(
    '/metrics/alerts-over-time',
    { schema: { summary: 'Every alert counted per time bucket and severity (at most 60 buckets over the span of event times)', tags: ['training'], response: { 200: alertTimelineSchema } } },
    async () => alertTimeline(store),
  );
};
