// TLS for `watchfloor serve`: Fastify's https option from certificate files, and a warning when serving the network in clear.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

export interface TlsFiles {
  tlsCert?: string;
  tlsKey?: string;
}

export interface HttpsOption {
  https: { cert: Buffer; key: Buffer };
}

/**
 * `{ https: { cert, key } }` for `Fastify({ ...listenOptions(files) })` when both files are given, `{}` when neither is;
 * one without the other is a configuration error.
 */
export function listenOptions(files: TlsFiles): HttpsOption | Record<string, never> {
  const { tlsCert, tlsKey } = files;
  if (tlsCert === undefined && tlsKey === undefined) return {};
  if (tlsCert === undefined || tlsKey === undefined) throw new Error('TLS needs both a certificate (--tls-cert) and its private key (--tls-key)');
  return { https: { cert: readFileSync(tlsCert), key: readFileSync(tlsKey) } };
}

/** Whether a listen address is reachable only from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** Prints a warning (and returns true) when listening beyond loopback without TLS: passwords and session cookies would cross the network in clear. */
export function warnIfExposed(host: string, tls: boolean, warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): boolean {
  if (tls || isLoopback(host)) return false;
  warn(
    `warning: listening on ${host} without TLS — passwords, session cookies and API tokens travel in clear. ` +
      'Use --tls-cert/--tls-key, or a TLS-terminating reverse proxy with Watchfloor on 127.0.0.1.',
  );
  return true;
}
