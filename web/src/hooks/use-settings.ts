// Settings hooks: users (admin: list, add with a role, disable, enable) and your own API tokens (create — shown once — list, revoke).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, unwrap } from '../api/client.ts';
import type { Role } from '../api/soc-types.ts';

export const settingsKeys = {
  users: ['settings', 'users'] as const,
  tokens: ['settings', 'tokens'] as const,
};

export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: settingsKeys.users,
    queryFn: async () => (await unwrap(api.GET('/api/auth/users'))).users,
    enabled,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (body: { name: string; role: Role; password?: string }) => unwrap(api.POST('/api/auth/users', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}

export function useSetUserDisabled() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, disabled }: { id: number; disabled: boolean }) =>
      disabled
        ? unwrap(api.POST('/api/auth/users/{id}/disable', { params: { path: { id } } }))
        : unwrap(api.POST('/api/auth/users/{id}/enable', { params: { path: { id } } })),
    onSuccess(user) {
      notifications.show({ color: 'teal', message: `${user.name} is ${user.disabled ? 'disabled: their sessions and tokens stop working' : 'enabled'}` });
    },
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: settingsKeys.tokens,
    queryFn: async () => (await unwrap(api.GET('/api/auth/tokens'))).tokens,
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (body: { name: string; expiresInDays?: number }) => unwrap(api.POST('/api/auth/tokens', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.tokens }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/auth/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => notifications.show({ color: 'teal', message: 'Token revoked' }),
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.tokens }),
  });
}
