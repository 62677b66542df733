// The time histogram of a search: uPlot bars, one per bucket, in the theme's colours.
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { LogHistogram } from '../../api/types.ts';
import { mountTimeBars } from '../../components/ui/time-bars.ts';

export function Histogram({ data, height = 110 }: { data: LogHistogram; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useComputedColorScheme('dark') === 'dark';

  useEffect(() => {
    const element = box.current;
    if (!element || data.buckets.length === 0) return;
    return mountTimeBars(element, {
      height,
      dark,
      starts: data.buckets.map((b) => b.start / 1000),
      bucketSeconds: data.interval / 1000,
      series: [{ label: 'events', fill: 'rgba(34, 139, 230, 0.7)', stroke: '#228be6', values: data.buckets.map((b) => b.count) }],
      maxBarWidth: 40,
    });
  }, [data, dark, height]);

  return <div ref={box} data-testid="histogram" style={{ width: '100%', minHeight: height }} />;
}
