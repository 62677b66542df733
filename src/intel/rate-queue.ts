// A per-provider FIFO queue that spaces requests to fit sliding-window rate limits (e.g. VirusTotal's 4/min and 500/day).
import type { Clock } from './clock.ts';

export interface RateLimit {
  requests: number;
  intervalMs: number;
}

export type Admission = { ok: true; waitedMs: number } | { ok: false; waitMs: number };

/** Slots are taken in call order; a caller whose wait would exceed its budget is turned away without taking one. */
export class RateLimitQueue {
  private readonly windows: { limit: RateLimit; sent: number[] }[];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    limits: readonly RateLimit[],
    private readonly clock: Clock,
  ) {
    this.windows = limits.map((limit) => ({ limit, sent: [] }));
  }

  /** Waits for a slot (FIFO). Resolves `{ok: false}` at once when the next slot is further away than `maxWaitMs`. */
  acquire(maxWaitMs = Number.POSITIVE_INFINITY): Promise<Admission> {
    const turn = this.tail.then(() => this.take(maxWaitMs));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** How long until a slot frees (0 when one is free now). */
  nextSlotIn(): number {
    const now = this.clock.now();
    let wait = 0;
    for (const w of this.windows) {
      while (w.sent.length > 0 && w.sent[0]! <= now - w.limit.intervalMs) w.sent.shift();
      if (w.sent.length >= w.limit.requests) {
        wait = Math.max(wait, w.sent[w.sent.length - w.limit.requests]! + w.limit.intervalMs - now);
      }
    }
    return wait;
  }

  private async take(maxWaitMs: number): Promise<Admission> {
    const started = this.clock.now();
    for (;;) {
      const wait = this.nextSlotIn();
      if (wait === 0) break;
      const waited = this.clock.now() - started;
      if (waited + wait > maxWaitMs) return { ok: false, waitMs: wait };
      await this.clock.sleep(wait);
    }
    const now = this.clock.now();
    for (const w of this.windows) w.sent.push(now);
    return { ok: true, waitedMs: now - started };
  }
}
