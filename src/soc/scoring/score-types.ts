// The shapes of a closed alert's score (the API schema in src/api/alerts/workflow-schema.ts describes them to clients).
import type { ArtifactType } from '../artifacts/types.ts';

/**
 * `verdict` and `step` lines count; `unkeyed` is a ★ answer the key says nothing about (shown, not counted);
 * `missed` is a keyed ★ step the run never reached (shown with its expected answer, not counted).
 */
export type ScoreLineKind = 'verdict' | 'step' | 'unkeyed' | 'missed';

export interface ScoreLine {
  kind: ScoreLineKind;
  /** For step lines. */
  stepId?: string;
  /** "Answer" for the verdict, else the step title. */
  title: string;
  given: string | null;
  expected: readonly string[];
  /** Null for unkeyed and missed lines. */
  correct: boolean | null;
  points: number;
  /** As shown: "Answer: False Positive (+5 Point)", "Analyze URL Address (+5 Point)", "✗ Analyze URL Address: Malicious (expected: Non-malicious)". */
  text: string;
}

export interface ClosedAlertScore {
  eventId: number;
  playbookId: string;
  verdict: ScoreLine;
  /** ★ steps in the order answered, then the missed ones. */
  steps: readonly ScoreLine[];
  /** Every line's text, verdict first. */
  lines: readonly string[];
  verdictPoints: number;
  /** 5 × correct ★ answers. */
  playbookScore: number;
  total: number;
  scoredAnswered: number;
  scoredCorrect: number;
  /** correct ★ ÷ ★ answered (0–1); null when no keyed ★ step was answered. */
  successRate: number | null;
  /** The key's artifacts, split by whether the run's Add Artifacts answer has them (not scored). */
  artifacts: { found: readonly { type: ArtifactType; value: string }[]; missing: readonly { type: ArtifactType; value: string }[] };
  /** The Analyst Note, when written. */
  note: string | null;
}
