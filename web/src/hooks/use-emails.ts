// Email Security hooks: quick and detailed search, one message, and delete (which drops it from every list).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi';

/** The search filter as the API takes it (`from` and `to` in epoch milliseconds); the page size is the hook's. */
export type EmailSearch = Omit<NonNullable<paths['/api/emails/']['get']['parameters']['query']>, 'limit'>;

export const emailKeys = {
  all: ['emails'] as const,
  list: (search: EmailSearch) => ['emails', 'list', search] as const,
  one: (id: number) => ['emails', 'one', id] as const,
};

export function useEmails(search: EmailSearch) {
  return useQuery({
    queryKey: emailKeys.list(search),
    queryFn: async () => (await unwrap(api.GET('/api/emails/', { params: { query: { ...search, limit: 200 } } }))).emails,
    placeholderData: keepPreviousData,
  });
}

export function useEmail(id: number | null) {
  return useQuery({
    queryKey: emailKeys.one(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/emails/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== null && Number.isInteger(id) && id > 0,
  });
}

export function useDeleteEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/emails/{id}', { params: { path: { id } } })),
    onSuccess(result) {
      notifications.show({ color: 'teal', message: `E-mail ${result.id} was deleted from its mailbox` });
      client.removeQueries({ queryKey: emailKeys.one(result.id) });
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['emails', 'list'] }),
  });
}

export const attachmentsZipUrl = (id: number): string => `/api/emails/${id}/attachments.zip`;
