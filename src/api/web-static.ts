// Serves the built web app (web/dist) at / with an SPA fallback for every non-/api path, under a strict Content-Security-Policy.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WebStaticOptions {
  /** The built app; default: web/dist beside the repository's src/. */
  distDir?: string;
}

export const DEFAULT_DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/**
 * The app's policy: scripts and styles from this origin only (styles also inline: the component library sets CSS variables
 * in a style element), images from here or data:/blob: URLs, no plugins, no framing of the app. The e-mail viewer shows
 * mail bodies in `<iframe sandbox srcdoc>` (no scripts, opaque origin), which frame-src 'self' blob: allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Watchfloor</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>Watchfloor</h1><p>The web app has not been built yet. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it first),
then reload this page.</p><p>The API is up: <a href="/api/health">/api/health</a>.</p></body></html>`;

const isApiPath = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

async function webStatic(app: FastifyInstance, options: WebStaticOptions): Promise<void> {
  const distDir = options.distDir ?? DEFAULT_DIST_DIR;
  const built = existsSync(join(distDir, 'index.html'));

  app.addHook('onSend', async function webSecurityHeaders(request: FastifyRequest, reply: FastifyReply) {
    if (isApiPath(request.url)) return;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) void reply.header(name, value);
  });

  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders(reply, path) {
        // hashed bundles never change; index.html and the rest must always be revalidated
        void reply.header('cache-control', path.startsWith(join(distDir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  const sendApp = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (!built) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', distDir);
  };
  app.get('/', { schema: { hide: true } }, sendApp);

  app.setNotFoundHandler(async function spaFallback(request, reply) {
    if (isApiPath(request.url) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
    }
    // a missing bundle file is a real 404, not the app
    if (request.url.startsWith('/assets/')) return reply.status(404).type('text/plain').send('not found');
    return sendApp(request, reply);
  });
}

// registered on the root instance (like fastify-plugin does): its 404 handler and headers apply to the whole server
Object.defineProperty(webStatic, Symbol.for('skip-override'), { value: true });

export default webStatic;
