// Threat Intel hooks: local indicators with counters, configured providers, and a lookup across every source.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi';

/** The list's filters as the API takes them; the page size is the hook's. */
export type IndicatorFilters = Pick<NonNullable<paths['/api/intel/indicators']['get']['parameters']['query']>, 'text' | 'type' | 'value' | 'tag' | 'from' | 'to'>;

export const intelKeys = {
  indicators: (filters: IndicatorFilters) => ['intel', 'indicators', filters] as const,
  providers: ['intel', 'providers'] as const,
};

export function useIndicators(filters: IndicatorFilters) {
  return useQuery({
    queryKey: intelKeys.indicators(filters),
    queryFn: () => unwrap(api.GET('/api/intel/indicators', { params: { query: { ...filters, limit: 200 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useProviders() {
  return useQuery({
    queryKey: intelKeys.providers,
    queryFn: async () => (await unwrap(api.GET('/api/intel/providers'))).providers,
    staleTime: 60_000,
  });
}

export function useLookup() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (value: string) => unwrap(api.POST('/api/intel/lookup', { body: { value } })),
  });
}
