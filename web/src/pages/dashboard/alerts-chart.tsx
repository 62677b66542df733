// Alerts over time by severity: stacked uPlot bars, with a legend of the totals per severity.
import { Badge, Group, Text, useComputedColorScheme } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Alert } from '../../api/types.ts';
import { formatCount } from '../../components/ui/format.ts';
import { EmptyState } from '../../components/ui/states.tsx';
import { buildTimeline, SEVERITIES, stacked } from './timeline.ts';

const COLORS: Record<string, string> = { Low: '#868e96', Medium: '#fab005', High: '#fd7e14', Critical: '#fa5252' };
const BADGE: Record<string, string> = { Low: 'gray', Medium: 'yellow', High: 'orange', Critical: 'red' };

export function AlertsChart({ alerts, height = 200 }: { alerts: readonly Alert[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useComputedColorScheme('dark') === 'dark';
  const timeline = useMemo(() => buildTimeline(alerts), [alerts]);

  useEffect(() => {
    const element = box.current;
    if (!element || !timeline) return;
    const axis = dark ? '#909296' : '#495057';
    const grid = dark ? '#2c2e33' : '#e9ecef';
    const bars = uPlot.paths.bars?.({ size: [0.8, 48], align: 1 });
    const layers = stacked(timeline);
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height,
        legend: { show: false },
        cursor: { y: false },
        scales: { x: { time: true, range: (_u, min, max) => [min, max + timeline.width / 1000] } },
        axes: [
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { show: false } },
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 40 },
        ],
        series: [
          {},
          ...layers.map((l) => ({ label: l.severity, points: { show: false }, fill: COLORS[l.severity], stroke: COLORS[l.severity], width: 0, ...(bars ? { paths: bars } : {}) })),
        ],
      },
      [timeline.starts.map((t) => t / 1000), ...layers.map((l) => l.values)],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [timeline, dark, height]);

  if (!timeline) return <EmptyState>No alert yet.</EmptyState>;
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
