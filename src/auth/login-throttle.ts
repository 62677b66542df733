// Counts failed logins per client address and per user name in a fixed window, and says when to refuse with 429.
export interface ThrottleLimits {
  /** Failures allowed per user name within the window; the next attempt is refused. */
  maxPerUser: number;
  /** Failures allowed per client address within the window (several people may share one address). */
  maxPerIp: number;
  windowMs: number;
  /** Keys remembered at most (oldest dropped first), so a flood of names cannot exhaust memory. */
  maxKeys?: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { maxPerUser: 5, maxPerIp: 20, windowMs: 60_000, maxKeys: 100_000 };

interface Window {
  count: number;
  resetAt: number;
}

export class LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait when this attempt must be refused, else null. */
  retryAfter(ip: string, name: string): number | null {
    const now = this.now();
    let wait = 0;
    for (const [key, max] of this.keys(ip, name)) {
      const w = this.windows.get(key);
      if (w && w.resetAt > now && w.count >= max) wait = Math.max(wait, w.resetAt - now);
    }
    return wait > 0 ? Math.ceil(wait / 1000) : null;
  }

  fail(ip: string, name: string): void {
    const now = this.now();
    for (const [key] of this.keys(ip, name)) {
      const w = this.windows.get(key);
      if (w && w.resetAt > now) w.count += 1;
      else {
        this.windows.delete(key);
        this.windows.set(key, { count: 1, resetAt: now + this.limits.windowMs });
      }
    }
    this.prune(now);
  }

  /** A successful login clears its user name's failures (not its address's). */
  succeed(name: string): void {
    this.windows.delete(`user:${name.toLowerCase()}`);
  }

  private keys(ip: string, name: string): [string, number][] {
    return [
      [`ip:${ip}`, this.limits.maxPerIp],
      [`user:${name.toLowerCase()}`, this.limits.maxPerUser],
    ];
  }

  private prune(now: number): void {
    const maxKeys = this.limits.maxKeys ?? DEFAULT_THROTTLE.maxKeys!;
    if (this.windows.size <= maxKeys) return;
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size <= maxKeys) break;
      this.windows.delete(key);
    }
  }
}
