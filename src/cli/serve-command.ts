// `watchfloor serve`: runs the HTTP server on the store in the data folder until interrupted.
import { buildServer } from '../api/server.ts';
import { listenOptions, warnIfExposed } from '../auth/tls.ts';
import { ensureFirstAdmin } from '../auth/users.ts';
import { ensureDefaultScenario } from '../scenarios/scenarios.ts';
import { dataDir, openStore, type GlobalOptions } from './context.ts';

export interface ServeOptions extends GlobalOptions {
  host: string;
  port: number;
  tlsCert?: string;
  tlsKey?: string;
}

export async function serveCommand(options: ServeOptions): Promise<void> {
  const store = await openStore(options);
  const demo = await ensureDefaultScenario(store);
  if (demo) process.stderr.write(`Empty data folder: loaded the reference scenario ${demo.name} (EventIDs ${demo.alerts.map((a) => a.eventId).join(', ')})\n`);
  const password = await ensureFirstAdmin(store);
  if (password) process.stderr.write(`First start: created user "admin" with password ${password} (shown once; change it after logging in)\n`);
  const app = await buildServer({ store, dataDir: dataDir(options), logger: false, ...listenOptions({ tlsCert: options.tlsCert, tlsKey: options.tlsKey }) });
  warnIfExposed(options.host, Boolean(options.tlsCert));
  const address = await app.listen({ host: options.host, port: options.port });
  process.stderr.write(`Watchfloor is serving at ${address} (data: ${dataDir(options)}); Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await store.close();
}
