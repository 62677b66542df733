// Timing helpers for the benchmark: repeated runs, percentiles, and a table printer.
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** The target from the issues, when there is one, e.g. '>= 100000'. */
  target?: string;
  note?: string;
}

/** A figure as a benchmark module returns it; the harness adds the section. */
export type SectionFigure = Omit<Figure, 'section'>;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** Runs `fn` once per input and returns the sorted latencies in milliseconds. */
export async function latencies<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (const input of inputs) {
    const t = performance.now();
    await fn(input);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

function meets(value: number, target: string): boolean | undefined {
  const m = /^(>=|<=)\s*([\d.]+)/.exec(target.replace('≥', '>=').replace('≤', '<=').replace(/(\d),(\d)/g, '$1$2'));
  if (!m) return undefined;
  const bound = Number(m[2]);
  return m[1] === '>=' ? value >= bound : value <= bound;
}

export function formatFigures(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const value = Number.isInteger(f.value) ? f.value.toLocaleString('en-US') : f.value.toFixed(f.value < 10 ? 2 : 1);
    const verdict = f.target === undefined ? '' : meets(f.value, f.target) ? 'ok' : 'MISS';
    return [f.section, f.name, `${value} ${f.unit}`, f.target ?? '', verdict, f.note ?? ''];
  });
  const header = ['section', 'figure', 'value', 'target', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
