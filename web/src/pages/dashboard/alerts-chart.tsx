// Alerts over time by severity: stacked uPlot bars, with a legend of the totals per severity.
import { Badge, Group, Text, useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { formatCount } from '../../components/ui/format.ts';
import { EmptyState } from '../../components/ui/states.tsx';
import { mountTimeBars } from '../../components/ui/time-bars.ts';
import { SEVERITIES, stacked, type Timeline } from './timeline.ts';

const COLORS: Record<string, string> = { Low: '#868e96', Medium: '#fab005', High: '#fd7e14', Critical: '#fa5252' };
const BADGE: Record<string, string> = { Low: 'gray', Medium: 'yellow', High: 'orange', Critical: 'red' };

export function AlertsChart({ timeline, height = 200 }: { timeline: Timeline; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useComputedColorScheme('dark') === 'dark';

  useEffect(() => {
    const element = box.current;
    if (!element || timeline.starts.length === 0) return;
    return mountTimeBars(element, {
      height,
      dark,
      starts: timeline.starts.map((t) => t / 1000),
      bucketSeconds: timeline.width / 1000,
      series: stacked(timeline).map((l) => ({ label: l.severity, fill: COLORS[l.severity]!, stroke: COLORS[l.severity]!, values: l.values })),
      maxBarWidth: 48,
    });
  }, [timeline, dark, height]);

  if (timeline.starts.length === 0) return <EmptyState>No alert yet.</EmptyState>;
  return (
    <>
      <Group gap="xs" mb="xs">
        {SEVERITIES.map((s) => (
          <Badge key={s} color={BADGE[s]} variant="light" radius="sm" size="sm">
            {s}: {formatCount(timeline.counts[s].reduce((a, b) => a + b, 0))}
          </Badge>
        ))}
        <Text size="xs" c="dimmed">
          one bar per {bucketLabel(timeline.width)}
        </Text>
      </Group>
      <div ref={box} data-testid="alerts-chart" style={{ width: '100%', minHeight: height }} />
    </>
  );
}

function bucketLabel(ms: number): string {
  const min = ms / 60_000;
  if (min < 60) return `${min} min`;
  if (min < 1440) return `${min / 60} h`;
  return `${min / 1440} day${min === 1440 ? '' : 's'}`;
}
