// Dashboard hooks: metrics (MTTA/MTTR, per-rule outcomes, training scores), alerts over time, and the scenario packs (lead: load, reset).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, unwrap, unwrapAs } from '../api/client.ts';
import type { Metrics, ScenarioInfo } from '../api/soc-types.ts';

export const metricKeys = {
  metrics: ['metrics'] as const,
  timeline: ['metrics', 'timeline'] as const,
  scenarios: ['scenarios'] as const,
};

export function useMetrics() {
  return useQuery({
    queryKey: metricKeys.metrics,
    queryFn: () => unwrapAs<Metrics>(api.GET('/api/metrics')),
    refetchInterval: 15_000,
  });
}

/** Every alert counted per time bucket and severity (by the server), for the alerts-over-time chart. */
export function useAlertTimeline() {
  return useQuery({
    queryKey: metricKeys.timeline,
    queryFn: () => unwrap(api.GET('/api/metrics/alerts-over-time')),
    refetchInterval: 15_000,
  });
}

export function useScenarios() {
  return useQuery({
    queryKey: metricKeys.scenarios,
    queryFn: async () => (await unwrapAs<{ scenarios: ScenarioInfo[] }>(api.GET('/api/scenarios'))).scenarios,
  });
}

function useScenarioAction(action: 'load' | 'reset') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      action === 'load'
        ? unwrapAs<Record<string, unknown>>(api.POST('/api/scenarios/{name}/load', { params: { path: { name } } }))
        : unwrapAs<Record<string, unknown>>(api.POST('/api/scenarios/{name}/reset', { params: { path: { name } } })),
    onSuccess(_result, name) {
      notifications.show({ color: 'teal', message: `Scenario ${name} ${action === 'load' ? 'loaded' : 'reset: its alerts are back in the Main Channel'}` });
    },
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: metricKeys.scenarios });
      await client.invalidateQueries({ queryKey: metricKeys.metrics });
      await client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
}

export const useLoadScenario = () => useScenarioAction('load');
export const useResetScenario = () => useScenarioAction('reset');
