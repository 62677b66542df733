// Settings hooks: users (admin: list, add with a role, change a role, reset a password, disable, enable), your own password,
// and your own API tokens (create — shown once — list, revoke).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, unwrap } from '../api/client.ts';
import type { Role } from '../api/types.ts';

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

export function useSetUserRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: number; role: Role }) => unwrap(api.PUT('/api/auth/users/{id}/role', { params: { path: { id } }, body: { role } })),
    onSuccess(user) {
      notifications.show({ color: 'teal', message: `${user.name} is now ${user.role === 'admin' ? 'an' : 'a'} ${user.role}` });
    },
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}

/** An admin resets someone's password (their sessions end); without `password` the server generates one, returned once. */
export function useResetPassword() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: ({ id, password }: { id: number; password?: string }) =>
      unwrap(api.PUT('/api/auth/users/{id}/password', { params: { path: { id } }, body: password ? { password } : {} })),
  });
}

/** Your own password: the current one is checked; your other sessions end. */
export function useChangeOwnPassword() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(api.PUT('/api/auth/me/password', { body })),
    onSuccess: () => notifications.show({ color: 'teal', message: 'Password changed: your other sessions have ended' }),
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
