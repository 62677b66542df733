// Endpoint Security hooks: the host list and search, one host with its tabs, and the containment switch.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, unwrap } from '../api/client.ts';

export const hostKeys = {
  all: ['hosts'] as const,
  list: (q: string) => ['hosts', 'list', q] as const,
  one: (hostname: string) => ['hosts', 'one', hostname] as const,
};

export function useHosts(q: string) {
  return useQuery({
    queryKey: hostKeys.list(q),
    queryFn: async () => (await unwrap(api.GET('/api/hosts/', { params: { query: { q } } }))).hosts,
    placeholderData: keepPreviousData,
  });
}

export function useHost(hostname: string | undefined) {
  return useQuery({
    queryKey: hostKeys.one(hostname ?? ''),
    queryFn: () => unwrap(api.GET('/api/hosts/{hostname}', { params: { path: { hostname: hostname ?? '' } } })),
    enabled: Boolean(hostname),
  });
}

/** Contains or releases a host; the server refuses (409) when the agent is not running, and the switch shows why. */
export function useContainment(hostname: string) {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (contained: boolean) =>
      unwrap(api.POST('/api/hosts/{hostname}/containment', { params: { path: { hostname } }, body: { contained } })),
    onSuccess(host) {
      notifications.show({ color: host.contained ? 'orange' : 'teal', message: `${host.hostname}: ${host.contained ? 'host contained' : 'released from containment'}` });
    },
    onSettled: () => client.invalidateQueries({ queryKey: hostKeys.all }),
  });
}
