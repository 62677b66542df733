// Sandbox routes: upload a file for static analysis (kept content-addressed, never executed).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analyzeFile, DEFAULT_MAX_SIZE } from '../../analysis/file/analyze-file.ts';
import { loadYaraRules, type YaraScanner } from '../../analysis/file/yara.ts';
import { analyzeUrl } from '../../analysis/url/analyze-url.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

  app.post(
    '/url',
    {
      schema: {
        summary: 'Open a URL in an isolated headless browser: redirect chain, requests, downloads (analysed), screenshot',
        tags: ['analysis'],
        body: z.object({ url: z.string().min(1).max(8192) }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      yara ??= loadYaraRules(yaraDir);
      // the sandbox must never reach the workbench itself, whatever the URL says
      const own = `${request.protocol}://${request.host}`;
      const report = await analyzeUrl(request.body.url, { dataDir, denyOrigins: [own], fileOptions: { yara: await yara } });
      const { screenshot, downloads, ...rest } = report;
      return {
        ...rest,
        screenshot: screenshot ? { sha256: screenshot.sha256, width: screenshot.width, height: screenshot.height } : null,
        downloads: downloads.map(({ storedAt: _serverPath, ...d }) => d),
      } as unknown as Record<string, unknown>;
    },
  );
  app.get(
    '/screenshots/:sha256',
    { schema: { summary: 'A sandbox screenshot (PNG)', tags: ['analysis'], params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }) } },
    async (request, reply) => {
      const png = await readFile(join(dataDir, 'screenshots', `${request.params.sha256}.png`)).catch(() => null);
      if (!png) throw new ApiError(404, 'not_found', 'no such screenshot');
      return reply.type('image/png').send(png);
    },
  );
};
