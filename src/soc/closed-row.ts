// A row of the Closed Alerts tab (the API schema in src/api/alerts/workflow-schema.ts describes it to clients).
import type { ClosedAlertScore } from './scoring/score-types.ts';

export interface ClosedRow {
  investigationId: number;
  eventId: number;
  severity: string;
  dateClosed: string;
  rule: string;
  type: string;
  owner: string;
  verdict: string;
  note: string;
  /** ✓ or ✗ against the answer key; null outside training. */
  result: '✓' | '✗' | null;
  reinvestigated: boolean;
  score: ClosedAlertScore | null;
}
