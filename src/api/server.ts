// Builds the HTTP server: Fastify with zod schemas, the OpenAPI document, and one route module per resource.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { EventStore } from '../store/store.ts';
import { errorHandler } from './errors.ts';
import { healthRoutes } from './health-routes.ts';
import { installAuth } from '../auth/install-auth.ts';
import type { HttpsOption } from '../auth/tls.ts';
import { logRoutes } from './logs/routes.ts';
import { alertRoutes } from './alerts/routes.ts';
import { workflowRoutes } from './alerts/workflow-routes.ts';
import { caseRoutes } from './cases/routes.ts';
import { emailRoutes } from './emails/routes.ts';
import { hostRoutes } from './hosts/routes.ts';
import { scenarioRoutes } from './scenarios/routes.ts';
import { createWorkflow } from '../soc/workflow.ts';
import { loadSitePlaybooks } from '../soc/playbooks/site-mapping.ts';
import { analysisRoutes } from './analysis/routes.ts';
import { intelRoutes } from './intel/routes.ts';
import { createIntelHolder } from './intel/intel-holder.ts';
import type { CreateIntelContextOptions } from '../intel/lookup.ts';
import { yaraRuleDir } from '../analysis/file/rule-folder.ts';

export interface ServerOptions {
  store: EventStore;
  /** The data folder: samples, intel settings, YARA rules. */
  dataDir: string;
  logger?: boolean;
  https?: HttpsOption['https'];
  /** Extra address permissions for intel lookups (tests: `{allowLoopback: true}` to reach a local fake service). */
  intelPolicy?: CreateIntelContextOptions['policy'];
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const base = { logger: options.logger ?? false, bodyLimit: 10 * 1024 * 1024 };
  // Fastify's types differ by transport; the instance is used the same way either way
  const app = (options.https ? Fastify({ ...base, https: options.https }) : Fastify(base)) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Watchfloor API', description: 'SOC workbench: logs, alerts, cases, intel, analysis.', version: '0.1.0' },
    },
    transform: jsonSchemaTransform,
    // schemas registered with an id in zod's global registry (recursive ones must be) become components, referenced by $ref
    transformObject: jsonSchemaTransformObject,
  });
  // every /api route but login and health needs a session or a token (after swagger: its routes are documented)
  await installAuth(app, { store: options.store });
  await app.register(healthRoutes, { prefix: '/api', store: options.store });
  await app.register(logRoutes, { prefix: '/api/logs', store: options.store });
  await app.register(alertRoutes, { prefix: '/api/alerts', store: options.store });
  const workflow = createWorkflow(options.store, loadSitePlaybooks(options.dataDir));
  await app.register(workflowRoutes, { prefix: '/api/alerts', store: options.store, workflow });
  await app.register(hostRoutes, { prefix: '/api/hosts', store: options.store });
  await app.register(emailRoutes, { prefix: '/api/emails', store: options.store });
  await app.register(scenarioRoutes, { prefix: '/api', store: options.store });
  const intel = createIntelHolder(options.store, options.dataDir, options.intelPolicy);
  app.addHook('onClose', async () => intel.close());
  await app.register(intelRoutes, { prefix: '/api/intel', store: options.store, intel });
  await app.register(caseRoutes, { prefix: '/api/cases', store: options.store, workflow, intel });
  await app.register(analysisRoutes, { prefix: '/api/analysis', dataDir: options.dataDir, yaraDir: yaraRuleDir(options.dataDir) });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(import('./web-static.ts')); // the web app at / (web/dist), SPA fallback, CSP
  return app;
}
