// Log Management hooks: event search (pages by cursor), interesting fields and the time histogram, all keyed by query + time range.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';

export interface LogQuery {
  q: string;
  from?: string;
  to?: string;
}

export const logKeys = {
  all: ['logs'] as const,
  page: (query: LogQuery, limit: number, cursor: string | undefined) => ['logs', 'page', query, limit, cursor ?? null] as const,
  stream: (query: LogQuery) => ['logs', 'stream', query] as const,
  fields: (query: LogQuery) => ['logs', 'fields', query] as const,
  histogram: (query: LogQuery) => ['logs', 'histogram', query] as const,
};

/** One page of events (Basic mode): the caller keeps the cursors of earlier pages. */
export function useLogPage(query: LogQuery, limit: number, cursor: string | undefined) {
  return useQuery({
    queryKey: logKeys.page(query, limit, cursor),
    queryFn: () => unwrap(api.GET('/api/logs/search', { params: { query: { ...query, limit, cursor } } })),
    placeholderData: keepPreviousData,
  });
}

/** Events page after page (Query mode). */
export function useLogStream(query: LogQuery, limit = 100) {
  return useInfiniteQuery({
    queryKey: logKeys.stream(query),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/logs/search', { params: { query: { ...query, limit, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useLogFields(query: LogQuery, size = 5) {
  return useQuery({
    queryKey: logKeys.fields(query),
    queryFn: () => unwrap(api.GET('/api/logs/fields', { params: { query: { ...query, size } } })),
    placeholderData: keepPreviousData,
  });
}

export function useLogHistogram(query: LogQuery, buckets = 60) {
  return useQuery({
    queryKey: logKeys.histogram(query),
    queryFn: () => unwrap(api.GET('/api/logs/histogram', { params: { query: { ...query, buckets } } })),
    placeholderData: keepPreviousData,
  });
}
