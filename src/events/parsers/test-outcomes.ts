// Test helpers for parser outcomes: the fields of an event, or the reason of a reject, failing the test otherwise.
import assert from 'node:assert/strict';
import type { EventFields } from '../event.ts';
import type { LineOutcome } from './types.ts';

export function fieldsOf(outcome: LineOutcome): EventFields {
  assert.equal(outcome.kind, 'event', JSON.stringify(outcome));
  return outcome.kind === 'event' ? outcome.event.fields : ({} as EventFields);
}

export function rejectReason(outcome: LineOutcome): string {
  assert.equal(outcome.kind, 'reject', JSON.stringify(outcome));
  return outcome.kind === 'reject' ? outcome.reason : '';
}
