// Sandbox routes: upload a file for static analysis (kept content-addressed, never executed).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analyzeFile, DEFAULT_MAX_SIZE } from '../../analysis/file/analyze-file.ts';
import { loadYaraRules, type YaraScanner } from '../../analysis/file/yara.ts';
import { ApiError } from '../errors.ts';

export interface AnalysisRouteOptions {
  dataDir: string;
  yaraDir: string;
}

const fileQuery = z.object({
  name: z.string().max(255).optional().describe('the file name to show'),
  password: z.string().max(200).optional().describe('zip password tried before "infected"'),
});

export const analysisRoutes: FastifyPluginAsyncZod<AnalysisRouteOptions> = async (app, { dataDir, yaraDir }) => {
  let yara: Promise<YaraScanner> | undefined;
  app.addHook('onClose', async () => {
    if (yara) await (await yara).close();
  });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: DEFAULT_MAX_SIZE }, (_req, body, done) => {
    done(null, body);
  });
  app.post(
    '/file',
    {
      bodyLimit: DEFAULT_MAX_SIZE,
      schema: {
        summary: 'Analyse an uploaded file (body: the bytes, application/octet-stream)',
        tags: ['analysis'],
        querystring: fileQuery,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new ApiError(400, 'bad_request', 'send the file as the request body with content-type application/octet-stream');
      yara ??= loadYaraRules(yaraDir);
      const report = await analyzeFile(new Uint8Array(body), { name: request.query.name, password: request.query.password, yara: await yara, dataDir });
      // where the sample sits on the server's disk is not the client's business
      const { storedAt: _serverPath, ...visible } = report;
      return visible as unknown as Record<string, unknown>;
    },
  );
};
