// The one place where an expired session (401) and a refused action (403) are announced; the app shell decides what to do.
import type { ApiError } from './errors.ts';

type Handler = (error: ApiError) => void;

const handlers: { unauthorized: Handler | null; forbidden: Handler | null } = { unauthorized: null, forbidden: null };

export function onUnauthorized(handler: Handler | null): void {
  handlers.unauthorized = handler;
}

export function onForbidden(handler: Handler | null): void {
  handlers.forbidden = handler;
}

export function announce(error: ApiError): void {
  if (error.status === 401) handlers.unauthorized?.(error);
  else if (error.status === 403 && error.code !== 'csrf') handlers.forbidden?.(error);
}
