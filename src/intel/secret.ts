// An API key wrapper that cannot leak by accident: JSON, string conversion and util.inspect all print "[redacted]".
import { inspect } from 'node:util';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The key itself: call only where it goes into a request header. */
  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}

/** Replaces every occurrence of the secrets in `text` (for messages built from a service's own words). */
export function scrub(text: string, secrets: readonly (Secret | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    const v = s?.reveal();
    if (v !== undefined && v.length >= 4) out = out.split(v).join('[redacted]');
  }
  return out;
}
