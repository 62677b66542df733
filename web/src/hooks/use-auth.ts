// Session hooks: who is signed in (and the CSRF token), log in, log out.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from '../api/client.ts';
import type { Session } from '../api/types.ts';

export const authKeys = { me: ['auth', 'me'] as const };

export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async (): Promise<Session> => {
      const session = await unwrap(api.GET('/api/auth/me'));
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (body: { name: string; password: string }) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess(session) {
      setCsrfToken(session.csrfToken);
      client.clear();
      client.setQueryData(authKeys.me, session);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    onSettled() {
      setCsrfToken(null);
      client.clear();
    },
  });
}
