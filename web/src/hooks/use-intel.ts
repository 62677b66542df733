// Threat Intel hooks: local indicators with counters, configured providers, and a lookup across every source.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrapAs } from '../api/client.ts';
import type { IndicatorResponse, IndicatorType, LookupResponse, Provider } from '../api/types.ts';

export interface IndicatorFilters {
  text?: string;
  type?: IndicatorType | 'hash';
  value?: string;
  tag?: string;
  from?: string;
  to?: string;
}

export const intelKeys = {
  indicators: (filters: IndicatorFilters) => ['intel', 'indicators', filters] as const,
  providers: ['intel', 'providers'] as const,
};

export function useIndicators(filters: IndicatorFilters) {
  return useQuery({
    queryKey: intelKeys.indicators(filters),
    queryFn: () => unwrapAs<IndicatorResponse>(api.GET('/api/intel/indicators', { params: { query: { ...filters, limit: 200 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useProviders() {
  return useQuery({
    queryKey: intelKeys.providers,
    queryFn: async () => (await unwrapAs<{ providers: Provider[] }>(api.GET('/api/intel/providers'))).providers,
    staleTime: 60_000,
  });
}

export function useLookup() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (value: string) => unwrapAs<LookupResponse>(api.POST('/api/intel/lookup', { body: { value } })),
  });
}
