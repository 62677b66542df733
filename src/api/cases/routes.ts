// Case Management routes: Incident Details with the playbook run, and the step dialog's actions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actOnCase, caseViewSchema, getCase, listCases } from '../../soc/cases.ts';
import { answerInputSchema } from '../../soc/playbooks/run.ts';
import type { Workflow } from '../../soc/workflow.ts';
import type { EventStore } from '../../store/store.ts';
import { actorOf } from '../alerts/workflow-routes.ts';
import { enrichCase } from '../../intel/case-enrichment.ts';
import type { IntelHolder } from '../intel/intel-holder.ts';
import { enrichmentSchema, stepResultSchema } from './schema.ts';

const caseParams = z.object({ caseId: z.coerce.number().int().positive() });

export const caseRoutes: FastifyPluginAsyncZod<{ store: EventStore; workflow: Workflow; intel: IntelHolder }> = async (app, { store, workflow, intel }) => {
  app.get(
    '/',
    {
      schema: {
        summary: 'Cases, newest first',
        tags: ['cases'],
        querystring: z.object({ status: z.enum(['open', 'closed']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) }),
        response: { 200: z.object({ cases: z.array(z.object({ id: z.number(), eventId: z.number(), name: z.string(), type: z.string(), status: z.string(), owner: z.string(), createdAt: z.string() })) }) },
      },
    },
    async (request) => ({ cases: await listCases(store, request.query) }),
  );
  app.get('/:caseId', { schema: { summary: 'A case: Incident Details, playbook, run and (after closing) the score', tags: ['cases'], params: caseParams, response: { 200: caseViewSchema } } }, async (request) =>
    getCase(store, workflow, request.params.caseId),
  );
  app.post(
    '/:caseId/answer',
    { schema: { summary: 'Answer the current playbook step', tags: ['cases'], params: caseParams, body: z.object({ stepId: z.string().min(1).max(100), input: answerInputSchema }), response: { 200: stepResultSchema } } },
    async (request) => actOnCase(workflow, request.params.caseId, { kind: 'answer', stepId: request.body.stepId, input: request.body.input }, actorOf(request)),
  );
  app.post('/:caseId/back', { schema: { summary: 'Go back one step', tags: ['cases'], params: caseParams, response: { 200: stepResultSchema } } }, async (request) =>
    actOnCase(workflow, request.params.caseId, { kind: 'back' }, actorOf(request)),
  );
  app.post('/:caseId/restart', { schema: { summary: 'Restart the playbook (earlier answers are kept as abandoned)', tags: ['cases'], params: caseParams, response: { 200: stepResultSchema } } }, async (request) =>
    actOnCase(workflow, request.params.caseId, { kind: 'restart' }, actorOf(request)),
  );
  app.post('/:caseId/enrich', { schema: { summary: "Look every artifact of the case up with the configured providers; results kept with the case", tags: ['cases'], params: caseParams, response: { 200: enrichmentSchema } } }, async (request) => {
    const { run } = await workflow.loadRun(request.params.caseId);
    return { artifacts: await enrichCase(await intel.get(), store, request.params.caseId, run) };
  });
};
