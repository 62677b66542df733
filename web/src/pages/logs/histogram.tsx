// The time histogram of a search: uPlot bars, one per bucket, in the theme's colours.
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LogHistogram } from '../../api/types.ts';

export function Histogram({ data, height = 110 }: { data: LogHistogram; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useComputedColorScheme('dark') === 'dark';

  useEffect(() => {
    const element = box.current;
    if (!element || data.buckets.length === 0) return;
    const axis = dark ? '#909296' : '#495057';
    const grid = dark ? '#2c2e33' : '#e9ecef';
    const xs = data.buckets.map((b) => b.start / 1000);
    const ys = data.buckets.map((b) => b.count);
    const bars = uPlot.paths.bars?.({ size: [0.8, 40], align: 1 });
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height,
        legend: { show: false },
        cursor: { y: false },
        scales: { x: { time: true, range: (_u, min, max) => [min, max + data.interval / 1000] } },
        axes: [
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { show: false } },
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 40 },
        ],
        series: [{}, { label: 'events', points: { show: false }, fill: 'rgba(34, 139, 230, 0.7)', stroke: '#228be6', width: 0, ...(bars ? { paths: bars } : {}) }],
      },
      [xs, ys],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, dark, height]);

  return <div ref={box} data-testid="histogram" style={{ width: '100%', minHeight: height }} />;
}
