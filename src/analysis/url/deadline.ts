// Time helpers for the URL sandbox: promises raced against a budget, so no browser call can outlive the run.

export const TIMED_OUT: unique symbol = Symbol('timed out');

/** Resolves with the promise's value, or TIMED_OUT after `ms` (the promise keeps running; its rejection is swallowed). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const guarded = promise.then((v) => v);
  guarded.catch(() => undefined);
  try {
    return await Promise.race([guarded, new Promise<typeof TIMED_OUT>((resolve) => { timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms)); })]);
  } finally {
    clearTimeout(timer);
  }
}

/** Like `within` but errors and timeouts both become `fallback`. */
export async function settle<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  try {
    const v = await within(promise, ms);
    return v === TIMED_OUT ? fallback : v;
  } catch {
    return fallback;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** A one-shot signal: `trip(reason)` once, `promise` resolves with the first reason. */
export class Tripwire<R> {
  reason: R | null = null;
  readonly promise: Promise<R>;
  private resolve!: (r: R) => void;

  constructor() {
    this.promise = new Promise<R>((resolve) => { this.resolve = resolve; });
  }

  trip(reason: R): void {
    if (this.reason !== null) return;
    this.reason = reason;
    this.resolve(reason);
  }
}
