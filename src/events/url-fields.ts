// Derives the ECS url.* fields (domain, path, query, extension, scheme, port) from a request URL as proxies log it.
import type { EventFields } from './event.ts';

const EXTENSION = /\.([A-Za-z0-9]{1,10})$/;

/**
 * Splits a logged URL into ECS url.* fields. Handles absolute URLs, `host:port` CONNECT targets and bare paths
 * (joined with `host` when one is known). Never throws: a URL it cannot read is kept as url.original only.
 */
export function urlFields(url: string, host?: string, method?: string): Partial<EventFields> {
  if (url === '' || url === '-') return host ? { 'url.domain': host.toLowerCase() } : {};
  if (method === 'CONNECT' || /^[^/?#:]+:\d{1,5}$/.test(url) || /^\[[0-9a-fA-F:.]+\]:\d{1,5}$/.test(url)) {
    const colon = url.lastIndexOf(':');
    const domain = url.slice(0, colon).replace(/^\[|\]$/g, '').toLowerCase();
    const port = Number(url.slice(colon + 1));
    return { 'url.original': url, 'url.domain': domain, ...(Number.isFinite(port) ? { 'url.port': port } : {}) };
  }
  let absolute = url;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url)) {
    if (!host) return { 'url.original': url, ...pathFields(url) };
    absolute = `http://${host}${url.startsWith('/') ? '' : '/'}${url}`;
  }
  const schemeEnd = absolute.indexOf('://');
  const scheme = absolute.slice(0, schemeEnd).toLowerCase();
  const rest = absolute.slice(schemeEnd + 3);
  const pathStart = rest.search(/[/?#]/);
  const authority = pathStart === -1 ? rest : rest.slice(0, pathStart);
  const pathPart = pathStart === -1 ? '/' : rest.slice(pathStart);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(hostPort);
  const domain = (portMatch?.[1] ?? hostPort).replace(/^\[|\]$/g, '').toLowerCase();
  const out: Partial<EventFields> = { 'url.original': absolute, 'url.scheme': scheme, ...pathFields(pathPart) };
  if (domain) out['url.domain'] = domain;
  if (portMatch?.[2]) out['url.port'] = Number(portMatch[2]);
  return out;
}

function pathFields(pathAndQuery: string): Partial<EventFields> {
  const hash = pathAndQuery.indexOf('#');
  const noFragment = hash === -1 ? pathAndQuery : pathAndQuery.slice(0, hash);
  const q = noFragment.indexOf('?');
  const path = q === -1 ? noFragment : noFragment.slice(0, q);
  const out: Partial<EventFields> = { 'url.path': path };
  if (q !== -1) out['url.query'] = noFragment.slice(q + 1);
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  const ext = EXTENSION.exec(lastSegment);
  if (ext?.[1]) out['url.extension'] = ext[1].toLowerCase();
  return out;
}
