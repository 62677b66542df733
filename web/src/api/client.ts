// The API client facade: the generated typed client (openapi.d.ts) with cookies, the CSRF header on writes and typed errors.
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, networkError, toApiError } from './errors.ts';
import type { paths } from './openapi';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
let csrfToken: string | null = null;

/** Set from the login response and GET /api/auth/me; sent as x-csrf-token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits a typed call and returns its data, or throws an ApiError (`network` when the server did not answer). */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw networkError();
  }
  if (!outcome.response.ok) throw toApiError(outcome.response.status, outcome.error);
  return outcome.data as T;
}

/**
 * For routes whose response schema the server leaves open (`additionalProperties`): the shape is declared in types.ts
 * from the server's presenters, and this is the one place that trusts it.
 */
export async function unwrapAs<T>(call: Promise<Outcome<unknown>>): Promise<T> {
  return (await unwrap(call)) as T;
}

/** Raw fetch for what the typed client does not cover (octet-stream uploads), with the same headers and errors. */
export async function rawRequest<T>(url: string, init: RequestInit): Promise<T> {
  const headers = new Headers(init.headers);
  if (!SAFE_METHODS.has(init.method ?? 'GET') && csrfToken) headers.set('x-csrf-token', csrfToken);
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}
