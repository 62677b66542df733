import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTE_MAX_LENGTH } from '../artifacts/limits.ts';
import { loadPlaybookLibrary } from './playbook.ts';
import {
  answer,
  answerOf,
  back,
  currentAnswers,
  currentStep,
  fromRunRecord,
  history,
  isFinished,
  restart,
  startRun,
  toRunRecord,
  type AnswerInput,
  type PlaybookRun,
  type RunResult,
} from './run.ts';
import type { Playbook, Step } from './schema.ts';

const library = loadPlaybookLibrary();
const T0 = Date.parse('2021-03-21T10:05:00Z');
let tick = 0;
const now = (): Date => new Date(T0 + 1000 * tick++);

function playbook(id: string): Playbook {
  const p = library.playbooks.get(id);
  assert.ok(p);
  return p;
}

function ok(result: RunResult): PlaybookRun {
  assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
  return result.run;
}

/** The input that answers `step` with `label` (ignored for info, artifacts and note steps). */
function inputFor(step: Step, label?: string): AnswerInput {
  switch (step.kind) {
    case 'info':
      return { kind: 'next' };
    case 'artifacts':
      return { kind: 'artifacts', artifacts: [{ type: 'IP Address', value: '172.16.17.5', comment: 'source' }] };
    case 'note':
      return { kind: 'note', text: 'Checked.' };
    default:
      assert.ok(label !== undefined, `a label for ${step.id}`);
      return { kind: 'option', value: label };
  }
}

/** Answers the run along `labels` (one per choice/select step met), returning the visited step ids. */
function walk(p: Playbook, labels: string[], who = 'susie'): { run: PlaybookRun; visited: string[] } {
  let run = startRun(p);
  const visited: string[] = [];
  const queue = [...labels];
  while (!isFinished(run)) {
    const step = currentStep(run);
    assert.ok(step);
    visited.push(step.id);
    const label = step.kind === 'choice' || step.kind === 'select' ? queue.shift() : undefined;
    run = ok(answer(run, step.id, inputFor(step, label), who, now()));
  }
  assert.deepEqual(queue, [], 'every label used');
  return { run, visited };
}

/** Every path through the playbook: the labels chosen and the steps visited. */
function allPaths(p: Playbook): { labels: string[]; visited: string[] }[] {
  const out: { labels: string[]; visited: string[] }[] = [];
  const go = (id: string | null, labels: string[], visited: string[]): void => {
    if (id === null) return void out.push({ labels, visited });
    const step = p.steps.find((s) => s.id === id);
    assert.ok(step, id);
    if (step.kind === 'note') return go(null, labels, [...visited, id]);
    if (step.kind === 'info' || step.kind === 'artifacts') return go(step.next, labels, [...visited, id]);
    for (const o of step.options) go(o.next, [...labels, o.label], [...visited, id]);
  };
  go(p.steps[0]?.id ?? null, [], []);
  return out;
}

describe('playbook runs: named branches of §4', () => {
  const cases: [string, string[], string[]][] = [
    ['proxy', ['Malicious', 'Accessed'], ['collection-data', 'search-log', 'analyze-url-address', 'has-anyone-accessed', 'containment', 'add-artifacts', 'analyst-note']],
    ['proxy', ['Malicious', 'Not Accessed'], ['collection-data', 'search-log', 'analyze-url-address', 'has-anyone-accessed', 'add-artifacts', 'analyst-note']],
    ['proxy', ['Non-malicious'], ['collection-data', 'search-log', 'analyze-url-address', 'add-artifacts', 'analyst-note']],
    ['malware', ['Other', 'Quarantined', 'Malicious', 'Accessed'], ['define-threat-indicator', 'check-quarantined', 'analyze-malware', 'check-c2-requested', 'containment', 'add-artifacts', 'analyst-note']],
    ['malware', ['Unknown or unexpected outgoing internet traffic', 'Not Quarantined', 'Non-malicious'], ['define-threat-indicator', 'check-quarantined', 'analyze-malware', 'add-artifacts', 'analyst-note']],
    ['phishing', ['Yes', 'Malicious', 'Delivered', 'Delete', 'Opened'], ['parse-email', 'attachments-or-urls', 'analyze-url-attachment', 'check-delivered', 'delete-email', 'check-opened', 'containment', 'add-artifacts', 'analyst-note']],
    ['phishing', ['No'], ['parse-email', 'attachments-or-urls', 'add-artifacts', 'analyst-note']],
    ['phishing', ['Yes', 'Malicious', 'Not Delivered'], ['parse-email', 'attachments-or-urls', 'analyze-url-attachment', 'check-delivered', 'add-artifacts', 'analyst-note']],
    ['web-attack', ['Malicious', 'SQL Injection', 'Not Planned', 'Internet → Company Network', 'Yes', 'Yes'], ['collect-data', 'examine-http-traffic', 'is-traffic-malicious', 'attack-type', 'planned-test', 'traffic-direction', 'attack-successful', 'containment', 'add-artifacts', 'tier-2-escalation', 'analyst-note']],
    ['web-attack', ['Malicious', 'XSS', 'Not Planned', 'Company Network → Internet', 'No', 'No'], ['collect-data', 'examine-http-traffic', 'is-traffic-malicious', 'attack-type', 'planned-test', 'traffic-direction', 'attack-successful', 'add-artifacts', 'tier-2-escalation', 'analyst-note']],
    ['web-attack', ['Non-malicious'], ['collect-data', 'examine-http-traffic', 'is-traffic-malicious', 'analyst-note']],
    ['threat-intel', ['Malicious', 'Not Accessed'], ['analyze-threat-intel-data', 'interaction-with-ti-data', 'add-artifacts', 'analyst-note']],
    ['threat-intel', ['Non-malicious'], ['analyze-threat-intel-data', 'add-artifacts', 'analyst-note']],
    ['brute-force', ['External', 'Malicious', 'Yes', 'One Target', 'Successful', 'Yes'], ['enrichment-and-context', 'ip-reputation-check', 'traffic-analysis', 'determine-the-scope', 'log-management', 'isolate-device', 'add-artifacts', 'analyst-note']],
  ];
  for (const [id, labels, expected] of cases) {
    it(`${id}: ${labels.join(' → ')}`, () => {
      const { run, visited } = walk(playbook(id), labels);
      assert.deepEqual(visited, expected);
      assert.deepEqual(currentAnswers(run).map((a) => a.stepId), expected);
      assert.equal(currentStep(run), null);
    });
  }
});

describe('playbook runs: every path of every playbook', () => {
  for (const p of library.playbooks.values()) {
    it(`${p.id}: all branches finish with the Analyst Note`, () => {
      const paths = allPaths(p);
      assert.ok(paths.length >= 2);
      for (const path of paths) {
        const { run, visited } = walk(p, path.labels);
        assert.deepEqual(visited, path.visited);
        assert.equal(visited.at(-1), 'analyst-note');
        // Only the web attack's Non-malicious answer goes to the note without Add Artifacts (§4).
        const skips = p.id === 'web-attack' && path.labels[0] === 'Non-malicious';
        assert.equal(visited.includes('add-artifacts'), !skips, path.labels.join(' → '));
        assert.ok(isFinished(run));
      }
    });
  }
});

describe('playbook runs: rules', () => {
  const proxy = playbook('proxy');
  const at = new Date('2021-03-21T10:10:00Z');

  function toAnalyze(): PlaybookRun {
    let run = startRun(proxy);
    run = ok(answer(run, 'collection-data', { kind: 'next' }, 'susie', at));
    return ok(answer(run, 'search-log', { kind: 'next' }, 'susie', at));
  }

  it('records who and when with every answer', () => {
    const run = toAnalyze();
    assert.deepEqual(history(run), [
      { seq: 1, attempt: 1, stepId: 'collection-data', value: { kind: 'next' }, who: 'susie', at: '2021-03-21T10:10:00.000Z', status: 'current' },
      { seq: 2, attempt: 1, stepId: 'search-log', value: { kind: 'next' }, who: 'susie', at: '2021-03-21T10:10:00.000Z', status: 'current' },
    ]);
    assert.equal(currentStep(run)?.id, 'analyze-url-address');
  });

  it('refuses an answer to any step but the current one', () => {
    const run = toAnalyze();
    const r = answer(run, 'has-anyone-accessed', { kind: 'option', value: 'Accessed' }, 'susie', at);
    assert.deepEqual(r, { ok: false, error: { code: 'out_of_order', message: 'step "has-anyone-accessed" is not the current step "analyze-url-address"', current: 'analyze-url-address' } });
    assert.equal(answer(run, 'search-log', { kind: 'next' }, 'susie', at).ok, false);
    assert.equal(answer(run, 'no-such-step', { kind: 'next' }, 'susie', at).ok, false);
  });

  it('refuses options the step does not have, and answers of the wrong kind', () => {
    const run = toAnalyze();
    const r = answer(run, 'analyze-url-address', { kind: 'option', value: 'malicious' }, 'susie', at);
    assert.equal(!r.ok && r.error.code, 'invalid_option');
    assert.equal(!r.ok && r.error.message, '"malicious" is not an option of "Analyze URL Address" ("Malicious", "Non-malicious")');
    const kind = answer(run, 'analyze-url-address', { kind: 'next' }, 'susie', at);
    assert.equal(!kind.ok && kind.error.code, 'invalid_answer');
    assert.equal(answer(run, 'analyze-url-address', { kind: 'option', value: 'Malicious' }, ' ', at).ok, false);
    assert.equal(answer(run, 'analyze-url-address', { kind: 'option', value: 'Malicious' }, 'susie', new Date('nope')).ok, false);
  });

  it('validates, normalises and merges artifacts, and reports bad rows', () => {
    let run = ok(answer(toAnalyze(), 'analyze-url-address', { kind: 'option', value: 'Non-malicious' }, 'susie', at));
    const bad = answer(run, 'add-artifacts', { kind: 'artifacts', artifacts: [{ type: 'MD5 Hash', value: 'xyz' }] }, 'susie', at);
    assert.equal(!bad.ok && bad.error.code, 'invalid_answer');
    assert.deepEqual(!bad.ok && bad.error.artifactErrors?.map((e) => [e.index, e.field]), [[0, 'value']]);
    run = ok(
      answer(run, 'add-artifacts', {
        kind: 'artifacts',
        artifacts: [
          { type: 'URL Address', value: 'hxxps://www.win-rar[.]com/postdownload.html?&L=0&Version=32bit', comment: 'requested' },
          { type: 'IP Address', value: '51.195.68.163' },
          { type: 'URL Address', value: 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit', comment: 'genuine WinRAR' },
        ],
      }, 'susie', at),
    );
    assert.deepEqual(answerOf(run, 'add-artifacts'), {
      kind: 'artifacts',
      artifacts: [
        { type: 'URL Address', value: 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit', comment: 'requested; genuine WinRAR' },
        { type: 'IP Address', value: '51.195.68.163', comment: '' },
      ],
    });
  });

  it('limits the note to NOTE_MAX_LENGTH characters and finishes with it', () => {
    let run = ok(answer(toAnalyze(), 'analyze-url-address', { kind: 'option', value: 'Non-malicious' }, 'susie', at));
    run = ok(answer(run, 'add-artifacts', { kind: 'artifacts', artifacts: [] }, 'susie', at));
    for (const [text, message] of [['', /empty/], ['x'.repeat(NOTE_MAX_LENGTH + 1), /3001 characters, at most 3000/], ['a\u0000b', /control/]] as const) {
      const r = answer(run, 'analyst-note', { kind: 'note', text }, 'susie', at);
      assert.equal(!r.ok && r.error.code, 'invalid_answer');
      assert.match(!r.ok ? r.error.message : '', message);
    }
    run = ok(answer(run, 'analyst-note', { kind: 'note', text: 'x'.repeat(NOTE_MAX_LENGTH) }, 'susie', at));
    assert.ok(isFinished(run));
    const after = answer(run, 'analyst-note', { kind: 'note', text: 'again' }, 'susie', at);
    assert.deepEqual(!after.ok && after.error, { code: 'finished', message: 'the playbook is finished: go back or restart to change an answer', current: null });
  });

  it('goes back one answer at a time, keeping withdrawn answers', () => {
    let run = ok(answer(toAnalyze(), 'analyze-url-address', { kind: 'option', value: 'Malicious' }, 'susie', at));
    assert.equal(currentStep(run)?.id, 'has-anyone-accessed');
    run = ok(back(run, 'susie', new Date('2021-03-21T10:11:00Z')));
    assert.equal(currentStep(run)?.id, 'analyze-url-address');
    run = ok(answer(run, 'analyze-url-address', { kind: 'option', value: 'Non-malicious' }, 'susie', at));
    assert.equal(currentStep(run)?.id, 'add-artifacts');
    assert.deepEqual(history(run).map((a) => [a.seq, a.stepId, a.status]), [
      [1, 'collection-data', 'current'],
      [2, 'search-log', 'current'],
      [3, 'analyze-url-address', 'withdrawn'],
      [4, 'analyze-url-address', 'current'],
    ]);
    assert.deepEqual(history(run)[2]?.closed, { who: 'susie', at: '2021-03-21T10:11:00.000Z' });
    assert.deepEqual(answerOf(run, 'analyze-url-address'), { kind: 'option', value: 'Non-malicious' });
    run = ok(back(ok(back(ok(back(run, 'susie', at)), 'susie', at)), 'susie', at));
    assert.equal(currentStep(run)?.id, 'collection-data');
    const r = back(run, 'susie', at);
    assert.equal(!r.ok && r.error.code, 'at_start');
  });

  it('goes back from a finished run to the note', () => {
    const { run } = walk(proxy, ['Non-malicious']);
    const reopened = ok(back(run, 'susie', at));
    assert.equal(currentStep(reopened)?.id, 'analyst-note');
    assert.equal(answerOf(reopened, 'analyst-note'), undefined);
  });

  it('restarts from the first step, keeping the abandoned answers', () => {
    const { run } = walk(proxy, ['Malicious', 'Accessed']);
    const again = ok(restart(run, 'lead', new Date('2021-03-21T11:00:00Z')));
    assert.equal(again.attempt, 2);
    assert.equal(currentStep(again)?.id, 'collection-data');
    assert.deepEqual(currentAnswers(again), []);
    assert.equal(history(again).length, 7);
    assert.ok(history(again).every((a) => a.status === 'abandoned' && a.attempt === 1 && a.closed?.who === 'lead'));
    const next = ok(answer(again, 'collection-data', { kind: 'next' }, 'susie', at));
    assert.deepEqual(history(next).at(-1), { seq: 8, attempt: 2, stepId: 'collection-data', value: { kind: 'next' }, who: 'susie', at: '2021-03-21T10:10:00.000Z', status: 'current' });
  });

  it('never changes the run it is given', () => {
    const run = toAnalyze();
    const copy = structuredClone(toRunRecord(run));
    answer(run, 'analyze-url-address', { kind: 'option', value: 'Malicious' }, 'susie', at);
    back(run, 'susie', at);
    restart(run, 'susie', at);
    assert.deepEqual(toRunRecord(run), copy);
  });

  it('stores as a record and comes back checked against the playbook', () => {
    const { run } = walk(proxy, ['Malicious', 'Not Accessed']);
    const record = JSON.parse(JSON.stringify(toRunRecord(ok(back(run, 'susie', at))))) as ReturnType<typeof toRunRecord>;
    const restored = ok(fromRunRecord(proxy, record));
    assert.equal(currentStep(restored)?.id, 'analyst-note');
    assert.equal(fromRunRecord(playbook('malware'), record).ok, false);
    const tampered = { ...record, current: 'containment' };
    const r = fromRunRecord(proxy, tampered);
    assert.equal(!r.ok && r.error.code, 'out_of_order');
  });
});
