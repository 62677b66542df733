// Scoring of a closed alert against its answer key (PRODUCT.md §5), and per-analyst totals.
import { artifactKey } from '../artifacts/merge.ts';
import { currentAnswers, type PlaybookRun } from '../playbooks/run.ts';
import type { DecisionStep, Playbook } from '../playbooks/schema.ts';
import { checkAnswerKey, type AnswerKey, type Verdict } from './answer-key.ts';
import type { AnalystTotals, ClosedAlertScore, ScoreLine } from './score-types.ts';

export type { ClosedAlertScore, ScoreLine, ScoreLineKind } from './score-types.ts';

/** Points for the right verdict and for each right ★ answer. */
export const POINTS_PER_CORRECT = 5;

const plus = (points: number): string => `(+${points} Point)`;
const expectedText = (expected: readonly string[]): string => `(expected: ${expected.join(' or ')})`;

function verdictLine(given: Verdict, expected: Verdict): ScoreLine {
  const correct = given === expected;
  const points = correct ? POINTS_PER_CORRECT : 0;
  const text = correct ? `Answer: ${given} ${plus(points)}` : `✗ Answer: ${given} ${expectedText([expected])}`;
  return { kind: 'verdict', title: 'Answer', given, expected: [expected], correct, points, text };
}

function stepLine(step: DecisionStep, given: string, expected: readonly string[] | undefined): ScoreLine {
  const base = { stepId: step.id, title: step.title, given };
  if (expected === undefined) {
    return { ...base, kind: 'unkeyed', expected: [], correct: null, points: 0, text: `${step.title}: ${given} (not in the answer key)` };
  }
  const correct = expected.includes(given);
  const points = correct ? POINTS_PER_CORRECT : 0;
  const text = correct ? `${step.title} ${plus(points)}` : `✗ ${step.title}: ${given} ${expectedText(expected)}`;
  return { ...base, kind: 'step', expected, correct, points, text };
}

export interface ScoreInput {
  playbook: Playbook;
  run: PlaybookRun;
  verdict: Verdict;
  key: AnswerKey;
}

/** Scores a closed alert: the verdict, each ★ answer on the run's path, the artifacts found. Throws if the key does not fit the playbook. */
export function scoreClosedAlert({ playbook, run, verdict, key }: ScoreInput): ClosedAlertScore {
  const problems = checkAnswerKey(key, playbook);
  if (run.playbook.id !== playbook.id) problems.push(`the run is of playbook "${run.playbook.id}", not "${playbook.id}"`);
  if (problems.length > 0) throw new Error(`cannot score EventID ${key.eventId}: ${problems.join('; ')}`);

  const answers = currentAnswers(run);
  const steps: ScoreLine[] = [];
  const answered = new Set<string>();
  let note: string | null = null;
  const given = new Set<string>();
  for (const a of answers) {
    if (a.value.kind === 'note') note = a.value.text;
    if (a.value.kind === 'artifacts') for (const art of a.value.artifacts) given.add(artifactKey(art));
    const step = playbook.steps.find((s) => s.id === a.stepId);
    if (a.value.kind !== 'option' || step === undefined || (step.kind !== 'choice' && step.kind !== 'select') || !step.scored) continue;
    answered.add(step.id);
    steps.push(stepLine(step, a.value.value, key.answers[step.id]));
  }
  for (const step of playbook.steps) {
    const expected = key.answers[step.id];
    if (expected === undefined || answered.has(step.id)) continue;
    steps.push({ kind: 'missed', stepId: step.id, title: step.title, given: null, expected, correct: null, points: 0, text: `✗ ${step.title}: not answered ${expectedText(expected)}` });
  }

  const v = verdictLine(verdict, key.verdict);
  const counted = steps.filter((s) => s.kind === 'step');
  const scoredCorrect = counted.filter((s) => s.correct === true).length;
  const playbookScore = POINTS_PER_CORRECT * scoredCorrect;
  return {
    eventId: key.eventId,
    playbookId: playbook.id,
    verdict: v,
    steps,
    lines: [v.text, ...steps.map((s) => s.text)],
    verdictPoints: v.points,
    playbookScore,
    total: v.points + playbookScore,
    scoredAnswered: counted.length,
    scoredCorrect,
    successRate: counted.length === 0 ? null : scoredCorrect / counted.length,
    artifacts: {
      found: key.artifacts.filter((a) => given.has(artifactKey(a))),
      missing: key.artifacts.filter((a) => !given.has(artifactKey(a))),
    },
    note,
  };
}

/** Totals per analyst (sorted by name) over their scored closed alerts. */
export function analystTotals(closed: readonly { analyst: string; score: ClosedAlertScore }[]): AnalystTotals[] {
  const by = new Map<string, AnalystTotals>();
  for (const { analyst, score } of closed) {
    const t = by.get(analyst) ?? { analyst, closedAlerts: 0, correctVerdicts: 0, verdictPoints: 0, playbookPoints: 0, total: 0, scoredAnswered: 0, scoredCorrect: 0, successRate: null };
    t.closedAlerts += 1;
    t.correctVerdicts += score.verdict.correct === true ? 1 : 0;
    t.verdictPoints += score.verdictPoints;
    t.playbookPoints += score.playbookScore;
    t.total += score.total;
    t.scoredAnswered += score.scoredAnswered;
    t.scoredCorrect += score.scoredCorrect;
    t.successRate = t.scoredAnswered === 0 ? null : t.scoredCorrect / t.scoredAnswered;
    by.set(analyst, t);
  }
  return [...by.values()].sort((a, b) => a.analyst.localeCompare(b.analyst));
}
