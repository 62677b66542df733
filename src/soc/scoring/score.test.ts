import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPlaybookLibrary } from '../playbooks/playbook.ts';
import { answer, back, currentStep, isFinished, startRun, type AnswerInput, type PlaybookRun, type RunResult } from '../playbooks/run.ts';
import type { Playbook } from '../playbooks/schema.ts';
import { parseAnswerKey, type AnswerKey } from './answer-key.ts';
import { analystTotals, scoreClosedAlert } from './score.ts';

const library = loadPlaybookLibrary();
const proxy = library.playbooks.get('proxy') as Playbook;
const at = new Date('2021-03-21T10:30:00Z');

function ok(r: RunResult): PlaybookRun {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.run;
}

/** Walks the run with the given option labels; artifacts and note as given. */
function walk(p: Playbook, labels: string[], artifacts: AnswerInput & { kind: 'artifacts' } = { kind: 'artifacts', artifacts: [] }): PlaybookRun {
  let run = startRun(p);
  const queue = [...labels];
  while (!isFinished(run)) {
    const step = currentStep(run);
    assert.ok(step);
    const input: AnswerInput =
      step.kind === 'info' ? { kind: 'next' } : step.kind === 'artifacts' ? artifacts : step.kind === 'note' ? { kind: 'note', text: 'Genuine WinRAR download.' } : { kind: 'option', value: queue.shift() ?? '' };
    run = ok(answer(run, step.id, input, 'susie', at));
  }
  return run;
}

/** PRODUCT.md §6: the answer key of EventID 83. The installer's hash is the one the EventID 83 intel snapshot reports 0/71 for. */
const KEY_83_INPUT = {
  eventId: 83,
  playbook: 'proxy',
  verdict: 'False Positive',
  answers: { 'analyze-url-address': 'Non-malicious' },
  artifacts: [
    { type: 'IP Address', value: '172.16.17.5' },
    { type: 'IP Address', value: '51.195.68.163' },
    { type: 'URL Address', value: 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit' },
    { type: 'MD5 Hash', value: 'C74862E16BCC2B0E02CADB7AB14E3CD6' },
  ],
};

function key83(): AnswerKey {
  const parsed = parseAnswerKey(KEY_83_INPUT, proxy);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.join('\n'));
  return parsed.key;
}

describe('EventID 83 answer key', () => {
  it('parses, normalising the artifacts', () => {
    const key = key83();
    assert.deepEqual(key.answers, { 'analyze-url-address': ['Non-malicious'] });
    assert.equal(key.artifacts[3]?.value, 'c74862e16bcc2b0e02cadb7ab14e3cd6');
  });

  it('scores the right walkthrough: Non-malicious, False Positive', () => {
    const run = walk(proxy, ['Non-malicious'], {
      kind: 'artifacts',
      artifacts: [
        { type: 'IP Address', value: '172.16.17.5', comment: 'SusieHost' },
        { type: 'URL Address', value: 'hxxps://www.win-rar[.]com/postdownload.html?&L=0&Version=32bit' },
      ],
    });
    const score = scoreClosedAlert({ playbook: proxy, run, verdict: 'False Positive', key: key83() });
    assert.deepEqual(score.lines, ['Answer: False Positive (+5 Point)', 'Analyze URL Address (+5 Point)']);
    assert.equal(score.verdict.text, 'Answer: False Positive (+5 Point)');
    assert.equal(score.verdictPoints, 5);
    assert.equal(score.playbookScore, 5);
    assert.equal(score.total, 10);
    assert.equal(score.scoredAnswered, 1);
    assert.equal(score.scoredCorrect, 1);
    assert.equal(score.successRate, 1);
    assert.equal(score.note, 'Genuine WinRAR download.');
    assert.deepEqual(score.artifacts.found.map((a) => a.value), ['172.16.17.5', 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit']);
    assert.deepEqual(score.artifacts.missing.map((a) => a.value), ['51.195.68.163', 'c74862e16bcc2b0e02cadb7ab14e3cd6']);
  });

  it('scores the wrong walkthrough: Malicious, True Positive', () => {
    const run = walk(proxy, ['Malicious', 'Accessed']);
    const score = scoreClosedAlert({ playbook: proxy, run, verdict: 'True Positive', key: key83() });
    assert.deepEqual(score.lines, [
      '✗ Answer: True Positive (expected: False Positive)',
      '✗ Analyze URL Address: Malicious (expected: Non-malicious)',
      'Has Anyone Accessed IP/URL/Domain?: Accessed (not in the answer key)',
    ]);
    assert.deepEqual(score.verdict, {
      kind: 'verdict', title: 'Answer', given: 'True Positive', expected: ['False Positive'], correct: false, points: 0,
      text: '✗ Answer: True Positive (expected: False Positive)',
    });
    assert.deepEqual(score.steps[0], {
      kind: 'step', stepId: 'analyze-url-address', title: 'Analyze URL Address', given: 'Malicious', expected: ['Non-malicious'], correct: false, points: 0,
      text: '✗ Analyze URL Address: Malicious (expected: Non-malicious)',
    });
    assert.equal(score.total, 0);
    assert.equal(score.playbookScore, 0);
    assert.equal(score.scoredAnswered, 1);
    assert.equal(score.successRate, 0);
  });

  it('scores a right answer with the wrong verdict, and the reverse', () => {
    const right = scoreClosedAlert({ playbook: proxy, run: walk(proxy, ['Non-malicious']), verdict: 'True Positive', key: key83() });
    assert.deepEqual([right.verdictPoints, right.playbookScore, right.total, right.successRate], [0, 5, 5, 1]);
    const wrong = scoreClosedAlert({ playbook: proxy, run: walk(proxy, ['Malicious', 'Not Accessed']), verdict: 'False Positive', key: key83() });
    assert.deepEqual([wrong.verdictPoints, wrong.playbookScore, wrong.total, wrong.successRate], [5, 0, 5, 0]);
  });

  it('counts only answers still on the run’s path', () => {
    let run = startRun(proxy);
    run = ok(answer(run, 'collection-data', { kind: 'next' }, 'susie', at));
    run = ok(answer(run, 'search-log', { kind: 'next' }, 'susie', at));
    run = ok(answer(run, 'analyze-url-address', { kind: 'option', value: 'Malicious' }, 'susie', at));
    run = ok(back(run, 'susie', at));
    run = ok(answer(run, 'analyze-url-address', { kind: 'option', value: 'Non-malicious' }, 'susie', at));
    const score = scoreClosedAlert({ playbook: proxy, run, verdict: 'False Positive', key: key83() });
    assert.deepEqual(score.lines, ['Answer: False Positive (+5 Point)', 'Analyze URL Address (+5 Point)']);
    assert.equal(score.note, null, 'closed before the note');
  });

  it('shows keyed steps the run never reached with their expected answer', () => {
    const key = { ...key83(), answers: { 'analyze-url-address': ['Malicious'], 'has-anyone-accessed': ['Not Accessed'] } };
    const score = scoreClosedAlert({ playbook: proxy, run: walk(proxy, ['Non-malicious']), verdict: 'True Positive', key: { ...key, verdict: 'True Positive' } });
    assert.deepEqual(score.lines, [
      'Answer: True Positive (+5 Point)',
      '✗ Analyze URL Address: Non-malicious (expected: Malicious)',
      '✗ Has Anyone Accessed IP/URL/Domain?: not answered (expected: Not Accessed)',
    ]);
    assert.equal(score.scoredAnswered, 1);
  });

  it('accepts any of several expected answers', () => {
    const malware = library.playbooks.get('malware') as Playbook;
    const parsed = parseAnswerKey({ eventId: 84, playbook: 'malware', verdict: 'False Positive', answers: { 'check-quarantined': ['Quarantined', 'Not Quarantined'], 'analyze-malware': 'Non-malicious' } }, malware);
    assert.ok(parsed.ok);
    const score = scoreClosedAlert({ playbook: malware, run: walk(malware, ['Other', 'Not Quarantined', 'Non-malicious']), verdict: 'False Positive', key: parsed.key });
    assert.deepEqual(score.lines, ['Answer: False Positive (+5 Point)', 'Check if the malware is quarantined/cleaned (+5 Point)', 'Analyze Malware (+5 Point)']);
    assert.equal(score.total, 15);
  });
});

describe('answer key validation', () => {
  it('rejects keys that do not fit the playbook', () => {
    const bad = parseAnswerKey({ ...KEY_83_INPUT, answers: { 'search-log': 'x', 'analyze-url-address': 'Benign', 'nope': 'x' } }, proxy);
    assert.deepEqual(!bad.ok && bad.problems, [
      'answers.search-log: "Search Log" is not a scored (★) step',
      'answers.analyze-url-address: "Benign" is not an option of "Analyze URL Address" (Malicious, Non-malicious)',
      'answers.nope: no such step in playbook "proxy"',
    ]);
    const other = parseAnswerKey({ ...KEY_83_INPUT, playbook: 'malware' }, proxy);
    assert.deepEqual(!other.ok && other.problems, ['EventID 83: the key is for playbook "malware", not "proxy"']);
    const schema = parseAnswerKey({ ...KEY_83_INPUT, verdict: 'Benign', artifacts: [{ type: 'IP Address', value: '999.1.1.1' }] });
    assert.equal(schema.ok, false);
    const artifact = parseAnswerKey({ ...KEY_83_INPUT, artifacts: [{ type: 'IP Address', value: '999.1.1.1' }] });
    assert.deepEqual(!artifact.ok && artifact.problems.map((p) => p.split(':')[0]), ['artifacts.0']);
  });

  it('refuses to score with a key for another playbook', () => {
    const malware = library.playbooks.get('malware') as Playbook;
    assert.throws(() => scoreClosedAlert({ playbook: malware, run: walk(proxy, ['Non-malicious']), verdict: 'False Positive', key: key83() }), /cannot score EventID 83/);
  });
});

describe('analystTotals', () => {
  it('adds up points and success rates per analyst', () => {
    const key = key83();
    const good = scoreClosedAlert({ playbook: proxy, run: walk(proxy, ['Non-malicious']), verdict: 'False Positive', key });
    const bad = scoreClosedAlert({ playbook: proxy, run: walk(proxy, ['Malicious', 'Accessed']), verdict: 'True Positive', key });
    const noSteps = scoreClosedAlert({ playbook: proxy, run: startRun(proxy), verdict: 'False Positive', key });
    assert.equal(noSteps.successRate, null);
    assert.deepEqual(analystTotals([
      { analyst: 'susie', score: good },
      { analyst: 'kali', score: noSteps },
      { analyst: 'susie', score: bad },
    ]), [
      { analyst: 'kali', closedAlerts: 1, correctVerdicts: 1, verdictPoints: 5, playbookPoints: 0, total: 5, scoredAnswered: 0, scoredCorrect: 0, successRate: null },
      { analyst: 'susie', closedAlerts: 2, correctVerdicts: 1, verdictPoints: 5, playbookPoints: 5, total: 10, scoredAnswered: 2, scoredCorrect: 1, successRate: 0.5 },
    ]);
    assert.deepEqual(analystTotals([]), []);
  });
});
