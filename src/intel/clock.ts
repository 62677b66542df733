// Time as a dependency: the real clock, and a manual one for tests (rate limits, Retry-After and TTLs without real waiting).

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock that only moves when told: `advance(ms)` wakes the sleepers whose time has come, in order. */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: { until: number; wake: () => void }[] = [];
  /** Every sleep requested, in ms (for assertions). */
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2021, 2, 21, 10, 2, 11)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => {
      this.sleepers.push({ until: this.current + Math.max(0, ms), wake: resolve });
    });
  }

  /** Moves time forward, waking sleepers one by one (letting each continuation run) so chained waits behave. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flush();
      this.sleepers.sort((a, b) => a.until - b.until);
      const next = this.sleepers[0];
      if (next === undefined || next.until > target) break;
      this.sleepers.shift();
      this.current = Math.max(this.current, next.until);
      next.wake();
    }
    this.current = target;
    await flush();
  }

  get pending(): number {
    return this.sleepers.length;
  }
}

/** A clock whose sleeps return at once after moving time forward: for tests that only need waits recorded. */
export class InstantClock extends ManualClock {
  override sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    void this.advance(Math.max(0, ms));
    return Promise.resolve();
  }
}

/** Lets pending promise continuations (and one macrotask turn) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
