// Progress of long CLI work: a live bar (lines/s, ETA) on a terminal, a line every few seconds otherwise.
import cliProgress from 'cli-progress';

export interface ProgressReporter {
  update(done: number, total: number, lines: number): void;
  stop(): void;
}

const MB = 1024 * 1024;

export function createProgress(label: string, enabled: boolean): ProgressReporter {
  const started = performance.now();
  if (!enabled) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: `${label} {bar} {percentage}% | {mb}/{totalMb} MB | {lines} lines | {rate} lines/s | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0, { lines: 0, rate: 0, mb: '0.0', totalMb: '0.0' });
    return {
      update(done, total, lines) {
        const seconds = (performance.now() - started) / 1000;
        bar.setTotal(Math.max(total, 1));
        bar.update(Math.min(done, total), {
          lines,
          rate: Math.round(lines / Math.max(seconds, 0.001)),
          mb: (done / MB).toFixed(1),
          totalMb: (total / MB).toFixed(1),
        });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastPrint = started;
  return {
    update(done, total, lines) {
      const now = performance.now();
      if (now - lastPrint < 5000) return;
      lastPrint = now;
      const seconds = (now - started) / 1000;
      const rate = lines / seconds;
      const fraction = total > 0 ? done / total : 0;
      const eta = fraction > 0 ? Math.round(seconds / fraction - seconds) : 0;
      process.stderr.write(
        `${label}: ${(fraction * 100).toFixed(1)}% ${lines} lines, ${Math.round(rate)} lines/s, ETA ${eta}s\n`,
      );
    },
    stop() {},
  };
}
