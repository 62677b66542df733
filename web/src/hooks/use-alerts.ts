// Alert hooks: the three Monitoring channels (polled for live updates), one alert, and the workflow actions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, unwrap } from '../api/client.ts';
import type { Channel, Severity, Verdict } from '../api/types.ts';

export const LIVE_INTERVAL_MS = 5_000;

export interface AlertFilters {
  severity?: Severity;
  type?: string;
  rule?: string;
  owner?: string;
  text?: string;
  /** Epoch milliseconds. */
  from?: number;
  to?: number;
}

export const alertKeys = {
  all: ['alerts'] as const,
  list: (channel: Channel, filters: AlertFilters, page: { limit: number; offset: number }) => ['alerts', 'list', channel, filters, page] as const,
  closed: (owner?: string) => ['alerts', 'closed', owner ?? null] as const,
  one: (eventId: number) => ['alerts', 'one', eventId] as const,
};

export function useAlerts(channel: Exclude<Channel, 'closed'>, filters: AlertFilters, page = { limit: 100, offset: 0 }) {
  return useQuery({
    queryKey: alertKeys.list(channel, filters, page),
    queryFn: () => unwrap(api.GET('/api/alerts/', { params: { query: { channel, ...filters, ...page } } })),
    refetchInterval: LIVE_INTERVAL_MS,
    placeholderData: keepPreviousData,
  });
}

export function useClosedAlerts(owner?: string) {
  return useQuery({
    queryKey: alertKeys.closed(owner),
    queryFn: async () =>
      (await unwrap(api.GET('/api/alerts/closed/investigations', { params: { query: { owner, limit: 500 } } }))).closed,
    refetchInterval: LIVE_INTERVAL_MS,
    placeholderData: keepPreviousData,
  });
}

export function useAlert(eventId: number) {
  return useQuery({
    queryKey: alertKeys.one(eventId),
    queryFn: () => unwrap(api.GET('/api/alerts/{eventId}', { params: { path: { eventId } } })),
    refetchInterval: LIVE_INTERVAL_MS,
    enabled: Number.isInteger(eventId) && eventId > 0,
  });
}

const path = (eventId: number) => ({ params: { path: { eventId } } });

export function useTakeOwnership() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (eventId: number) => unwrap(api.POST('/api/alerts/{eventId}/take', path(eventId))),
    onSuccess(result) {
      notifications.show({ color: 'teal', message: `EventID ${result.eventId} is yours: it moved to the Investigation Channel` });
    },
    onSettled: () => client.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useCreateCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (eventId: number) => unwrap(api.POST('/api/alerts/{eventId}/case', path(eventId))),
    onSettled: () => client.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useCloseAlert() {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: ({ eventId, verdict, note }: { eventId: number; verdict: Verdict; note: string }) =>
      unwrap(api.POST('/api/alerts/{eventId}/close', { ...path(eventId), body: { verdict, note } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['alerts'] }).then(() => client.invalidateQueries({ queryKey: ['cases'] })),
  });
}

export function useReinvestigate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (eventId: number) => unwrap(api.POST('/api/alerts/{eventId}/reinvestigate', path(eventId))),
    onSuccess(_result, eventId) {
      notifications.show({ color: 'teal', message: `EventID ${eventId} is back in the Investigation Channel` });
    },
    onSettled: () => client.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
