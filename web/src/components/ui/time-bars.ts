// Time-bucket bar charts (uPlot) in the theme's colours, resized with their box: the log histogram and the alerts chart.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BarSeries {
  label: string;
  fill: string;
  stroke: string;
  values: number[];
}

export interface TimeBarsOptions {
  height: number;
  dark: boolean;
  /** Bucket starts, epoch seconds. */
  starts: number[];
  /** Bucket width, seconds (the last bar gets its full width). */
  bucketSeconds: number;
  series: BarSeries[];
  maxBarWidth: number;
}

/** Draws the chart into `element`; returns what removes it. */
export function mountTimeBars(element: HTMLElement, o: TimeBarsOptions): () => void {
  const axis = o.dark ? '#909296' : '#495057';
  const grid = o.dark ? '#2c2e33' : '#e9ecef';
  const bars = uPlot.paths.bars?.({ size: [0.8, o.maxBarWidth], align: 1 });
  const plot = new uPlot(
    {
      width: element.clientWidth,
      height: o.height,
      legend: { show: false },
      cursor: { y: false },
      scales: { x: { time: true, range: (_u, min, max) => [min, max + o.bucketSeconds] } },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { show: false } },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 40 },
      ],
      series: [{}, ...o.series.map((s) => ({ label: s.label, points: { show: false }, fill: s.fill, stroke: s.stroke, width: 0, ...(bars ? { paths: bars } : {}) }))],
    },
    [o.starts, ...o.series.map((s) => s.values)],
    element,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: o.height }));
  resize.observe(element);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
