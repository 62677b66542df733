// Dashboard hooks: metrics (MTTA/MTTR, per-rule outcomes, training scores), alerts over time, and the scenario packs (lead: load, reset).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, unwrap } from '../api/client.ts';
import { formatCount } from '../components/ui/format.ts';

export const metricKeys = {
  metrics: ['metrics'] as const,
  timeline: ['metrics', 'timeline'] as const,
  scenarios: ['scenarios'] as const,
};

export function useMetrics() {
  return useQuery({
    queryKey: metricKeys.metrics,
    queryFn: () => unwrap(api.GET('/api/metrics')),
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
    queryFn: async () => (await unwrap(api.GET('/api/scenarios'))).scenarios,
  });
}

function useScenarioAction(action: 'load' | 'reset') {
  const client = useQueryClient();
  return useMutation({
    /** Resolves to what happened, in words. */
    async mutationFn(name: string): Promise<string> {
      const path = { params: { path: { name } } };
      if (action === 'load') {
        const loaded = await unwrap(api.POST('/api/scenarios/{name}/load', path));
        return `Scenario ${name} loaded: ${formatCount(loaded.events)} events, ${formatCount(loaded.alerts.length)} alerts`;
      }
      const reset = await unwrap(api.POST('/api/scenarios/{name}/reset', path));
      return `Scenario ${name} reset: ${formatCount(reset.alerts)} alerts are back in the Main Channel`;
    },
    onSuccess(message) {
      notifications.show({ color: 'teal', message });
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
