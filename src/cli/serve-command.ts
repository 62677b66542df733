// `watchfloor serve`: runs the HTTP server on the store in the data folder until interrupted.
import { buildServer } from '../api/server.ts';
import { dataDir, openStore, type GlobalOptions } from './context.ts';

export interface ServeOptions extends GlobalOptions {
  host: string;
  port: number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function serveCommand(options: ServeOptions): Promise<void> {
  const store = await openStore(options);
  const app = await buildServer({ store, dataDir: dataDir(options), logger: false });
  if (!LOOPBACK.has(options.host)) {
    process.stderr.write(`warning: listening on ${options.host} without TLS: anyone on the network can reach this API\n`);
  }
  const address = await app.listen({ host: options.host, port: options.port });
  process.stderr.write(`Watchfloor is serving at ${address} (data: ${options.data ?? './data'}); Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await store.close();
}
