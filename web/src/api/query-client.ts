// React Query through one facade: shared defaults (no retry on 4xx, short stale time) and the one error pipeline
// (401 → login with the place kept, 403 → "permission denied"; other mutation failures as a notification).
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { announce } from './session-events.ts';
import { errorText, isApiError } from './errors.ts';

const shouldRetry = (failureCount: number, error: unknown): boolean => {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
};

export interface MutationMeta extends Record<string, unknown> {
  /** The form shows the error itself: no notification, and a 403 is not announced as "permission denied". */
  inlineError?: boolean;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError(error) {
        if (isApiError(error)) announce(error);
      },
    }),
    mutationCache: new MutationCache({
      onError(error, _variables, _context, mutation) {
        const inline = (mutation.meta as MutationMeta | undefined)?.inlineError === true;
        // a form that shows its own errors explains a refusal (a wrong current password) better than "permission denied"
        if (isApiError(error) && !(inline && error.status === 403)) announce(error);
        if (isApiError(error) && (error.status === 401 || (error.status === 403 && error.code !== 'csrf'))) return;
        if (inline) return;
        notifications.show({ color: 'red', title: 'Action failed', message: errorText(error) });
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 2_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
