import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { NOTE_MAX_LENGTH } from '../artifacts/limits.ts';
import { PlaybookError, type PlaybookProblemCode } from './errors.ts';
import {
  BUILTIN_PLAYBOOK_DIR,
  loadPlaybookLibrary,
  parsePlaybook,
  parsePlaybookMapping,
  parseTools,
  playbookForAlertType,
  playbookIdForAlertType,
  stepById,
} from './playbook.ts';
import type { DecisionStep, Playbook } from './schema.ts';

const library = loadPlaybookLibrary();
const tools = library.tools;

function playbook(id: string): Playbook {
  const p = library.playbooks.get(id);
  assert.ok(p, `playbook ${id} loaded`);
  return p;
}

function problemsOf(fn: () => unknown): { code: PlaybookProblemCode; line: number; message: string }[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof PlaybookError, `expected a PlaybookError, got ${String(err)}`);
    return err.problems.map((p) => ({ code: p.code, line: p.line, message: p.message }));
  }
  assert.fail('expected a PlaybookError');
}

const ANALYSIS_TOOLS = ['ANY.RUN', 'VirusTotal', 'URLhaus', 'urlscan.io', 'Hybrid Analysis', 'Watchfloor lookup', 'Watchfloor sandbox'];

describe('built-in playbooks', () => {
  it('loads all six, each ending with Add Artifacts and Analyst Note', () => {
    assert.deepEqual([...library.playbooks.keys()].sort(), ['brute-force', 'malware', 'phishing', 'proxy', 'threat-intel', 'web-attack']);
    for (const p of library.playbooks.values()) {
      assert.equal(p.steps.filter((s) => s.kind === 'artifacts').length, 1, p.id);
      const notes = p.steps.filter((s) => s.kind === 'note');
      assert.equal(notes.length, 1, p.id);
      assert.equal(notes[0]?.title, 'Analyst Note');
      assert.equal(notes[0]?.text, 'Please enter your analysis comments.');
      assert.equal(notes[0]?.kind === 'note' && notes[0].maxLength, NOTE_MAX_LENGTH);
      assert.equal(stepById(p, 'add-artifacts')?.title, 'Add Artifacts');
    }
  });

  it('has the proxy steps of PRODUCT.md §4 word for word', () => {
    const proxy = playbook('proxy');
    assert.deepEqual(proxy.rules, ['SOC119', 'SOC121', 'SOC102', 'SOC111', 'SOC141']);
    assert.deepEqual(
      proxy.steps.map((s) => [s.id, s.kind, s.title]),
      [
        ['collection-data', 'info', 'Collection Data'],
        ['search-log', 'info', 'Search Log'],
        ['analyze-url-address', 'choice', 'Analyze URL Address'],
        ['has-anyone-accessed', 'choice', 'Has Anyone Accessed IP/URL/Domain?'],
        ['containment', 'info', 'Containment'],
        ['add-artifacts', 'artifacts', 'Add Artifacts'],
        ['analyst-note', 'note', 'Analyst Note'],
      ],
    );
    const analyze = stepById(proxy, 'analyze-url-address') as DecisionStep;
    assert.equal(analyze.text, 'Analyze URL in 3rd party tools. Please click "Malicious" if it is malicious and click "Non-malicious" if it isn\'t.');
    assert.deepEqual(analyze.verbatim, ['title', 'text', 'options']);
    assert.equal(analyze.scored, true);
    assert.deepEqual(analyze.options.map((o) => [o.label, o.next]), [['Malicious', 'has-anyone-accessed'], ['Non-malicious', 'add-artifacts']]);
    assert.deepEqual(analyze.tools.map((t) => t.label), ANALYSIS_TOOLS);
    const accessed = stepById(proxy, 'has-anyone-accessed') as DecisionStep;
    assert.equal(accessed.scored, true);
    assert.deepEqual(accessed.options.map((o) => [o.label, o.next]), [['Accessed', 'containment'], ['Not Accessed', 'add-artifacts']]);
    const collection = stepById(proxy, 'collection-data');
    assert.deepEqual(collection?.kind === 'info' && collection.fields, ['Source Address', 'Destination Address', 'User Agent']);
    // Texts the spec does not give are Watchfloor's and are not marked verbatim.
    for (const id of ['collection-data', 'search-log', 'has-anyone-accessed', 'containment', 'add-artifacts']) {
      assert.equal(stepById(proxy, id)?.verbatim.includes('text'), false, id);
    }
  });

  const EXPECTED: Record<string, [title: string, options: string[] | null, scored: boolean][]> = {
    malware: [
      ['Define Threat Indicator', [
        'Unknown or unexpected outgoing internet traffic',
        'Anti-virus programs malfunctioning or becoming disabled for unknown reasons',
        'Unknown or unexpected services and applications configured to launch automatically on system boot',
        'Other',
      ], false],
      ['Check if the malware is quarantined/cleaned', ['Not Quarantined', 'Quarantined'], true],
      ['Analyze Malware', ['Malicious', 'Non-malicious'], true],
      ['Check If Someone Requested the C2', ['Accessed', 'Not Accessed'], true],
      ['Containment', null, false],
      ['Add Artifacts', null, false],
      ['Analyst Note', null, false],
    ],
    phishing: [
      ['Parse Email', null, false],
      ['Are there attachments or URLs in the email?', ['No', 'Yes'], true],
      ['Analyze Url/Attachment', ['Malicious', 'Non-malicious'], true],
      ['Check If Mail Delivered to User?', ['Delivered', 'Not Delivered'], true],
      ['Delete Email From Recipient!', ['Delete'], false],
      ['Check If Someone Opened the Malicious File/URL?', ['Not Opened', 'Opened'], true],
      ['Containment', null, false],
      ['Add Artifacts', null, false],
      ['Analyst Note', null, false],
    ],
    'web-attack': [
      ['Collect Data', null, false],
      ['Examine HTTP Traffic', null, false],
      ['Is Traffic Malicious?', ['Malicious', 'Non-malicious'], true],
      ['What Is The Attack Type?', ['SQL Injection', 'XSS', 'Command Injection', 'IDOR', 'LFI/RFI', 'Other'], true],
      ['Check If It Is a Planned Test', ['Not Planned', 'Planned'], true],
      ['What Is the Direction of Traffic?', ['Internet → Company Network', 'Company Network → Internet', 'Company Network → Company Network'], true],
      ['Was the Attack Successful?', ['No', 'Yes'], true],
      ['Containment', null, false],
      ['Add Artifacts', null, false],
      ['Do You Need Tier 2 Escalation?', ['No', 'Yes'], true],
      ['Analyst Note', null, false],
    ],
    'threat-intel': [
      ['Analyze Threat Intel Data', ['Malicious', 'Non-malicious'], true],
      ['Interaction with TI data', ['Accessed', 'Not Accessed'], true],
      ['Add Artifacts', null, false],
      ['Analyst Note', null, false],
    ],
    'brute-force': [
      ['Enrichment and Context', ['Internal', 'External'], true],
      ['IP Reputation Check', ['Malicious', 'Non-malicious'], true],
      ['Traffic Analysis', ['Yes', 'No'], true],
      ['Determine the Scope', ['One Target', 'Several Targets'], true],
      ['Log Management', ['Successful', 'Unsuccessful'], true],
      ['Should the device be isolated?', ['Yes', 'No'], true],
      ['Add Artifacts', null, false],
      ['Analyst Note', null, false],
    ],
  };

  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`has the ${id} step titles, options and ★ of §4`, () => {
      const steps = playbook(id).steps.map((s) => [
        s.title,
        s.kind === 'choice' || s.kind === 'select' ? s.options.map((o) => o.label) : null,
        (s.kind === 'choice' || s.kind === 'select') && s.scored,
      ]);
      assert.deepEqual(steps, expected);
    });
  }

  it('uses dropdowns where §4 lists answers without buttons', () => {
    assert.equal(stepById(playbook('malware'), 'define-threat-indicator')?.kind, 'select');
    assert.equal(stepById(playbook('web-attack'), 'attack-type')?.kind, 'select');
    assert.equal(stepById(playbook('web-attack'), 'traffic-direction')?.kind, 'select');
  });

  it('offers the analysis tools in every analysis step', () => {
    for (const [pb, step] of [['malware', 'analyze-malware'], ['phishing', 'analyze-url-attachment'], ['threat-intel', 'analyze-threat-intel-data']] as const) {
      const s = stepById(playbook(pb), step);
      assert.deepEqual(s?.kind === 'choice' && s.tools.map((t) => t.label), ANALYSIS_TOOLS, `${pb}/${step}`);
    }
  });

  it('marks the brute force answer buttons the spec does not give as not verbatim', () => {
    const bf = playbook('brute-force');
    for (const s of bf.steps.slice(0, 5)) assert.deepEqual(s.verbatim, ['title'], s.id);
    assert.deepEqual(stepById(bf, 'isolate-device')?.verbatim, ['title', 'options']);
  });
});

describe('alert type → playbook mapping', () => {
  it('maps the six types and Unauthorized Access, and sends the rest to the default', () => {
    const m = library.mapping;
    assert.deepEqual(
      ['Proxy', 'Malware', 'Exchange', 'Web Attack', 'ThreatIntel', 'Brute Force', 'Data Leakage', 'Unauthorized Access', 'C2'].map((t) => playbookIdForAlertType(m, t)),
      ['proxy', 'malware', 'phishing', 'web-attack', 'threat-intel', 'brute-force', 'malware', 'brute-force', 'malware'],
    );
    assert.equal(playbookIdForAlertType(m, 'web attack'), 'web-attack');
    assert.equal(playbookForAlertType(library, 'Exchange').name, 'Phishing');
  });

  it('takes an override object', () => {
    const lib = loadPlaybookLibrary(BUILTIN_PLAYBOOK_DIR, { default: 'proxy', types: { C2: 'proxy', Exchange: 'threat-intel' } });
    assert.equal(playbookIdForAlertType(lib.mapping, 'C2'), 'proxy');
    assert.equal(playbookIdForAlertType(lib.mapping, 'Exchange'), 'threat-intel');
    assert.equal(playbookIdForAlertType(lib.mapping, 'Data Leakage'), 'proxy');
    assert.equal(playbookIdForAlertType(lib.mapping, 'Proxy'), 'proxy');
    const bad = problemsOf(() => loadPlaybookLibrary(BUILTIN_PLAYBOOK_DIR, { types: { C2: 'c2-hunting' } }));
    assert.deepEqual(bad.map((p) => [p.code, p.message]), [['unknown_playbook', 'types["C2"]: unknown playbook "c2-hunting"']]);
  });

  it('rejects unknown playbooks in mapping.yaml at their line', () => {
    const text = 'default: malware\ntypes:\n  Proxy: proxy\n  C2: hunting\n';
    assert.deepEqual(problemsOf(() => parsePlaybookMapping(text, 'mapping.yaml', new Set(['proxy', 'malware']))), [
      { code: 'unknown_playbook', line: 4, message: 'unknown playbook "hunting" (playbooks: proxy, malware)' },
    ]);
  });

  it('reads a changed mapping file from a playbook folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'watchfloor-playbooks-'));
    try {
      cpSync(BUILTIN_PLAYBOOK_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
      writeFileSync(join(dir, 'mapping.yaml'), readFileSync(join(dir, 'mapping.yaml'), 'utf8').replace('default: malware', 'default: threat-intel'));
      assert.equal(playbookIdForAlertType(loadPlaybookLibrary(dir).mapping, 'C2'), 'threat-intel');
      writeFileSync(join(dir, 'proxy.yaml'), readFileSync(join(dir, 'proxy.yaml'), 'utf8').replace('next: search-log', 'next: serch-log'));
      const problems = problemsOf(() => loadPlaybookLibrary(dir));
      assert.deepEqual(problems.map((p) => [p.code, p.line]), [['unknown_step', 14]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const GOOD = `id: t
name: Test
description: A test playbook.
steps:
  - id: first
    kind: choice
    scored: true
    title: First
    text: Pick one.
    options:
      - label: A
        next: second
      - label: B
        next: add-artifacts
  - id: second
    kind: info
    title: Second
    text: Read.
    next: add-artifacts
  - id: add-artifacts
    kind: artifacts
    title: Add Artifacts
    text: Add them.
    next: analyst-note
  - id: analyst-note
    kind: note
    title: Analyst Note
    text: Please enter your analysis comments.
`;

describe('playbook validation', () => {
  const parse = (text: string) => () => parsePlaybook(text, 't.yaml', tools);

  it('accepts the minimal playbook', () => {
    assert.equal(parsePlaybook(GOOD, 't.yaml', tools).steps.length, 4);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf(parse(GOOD.replace('    title: Second', '    title: [Second')));
    assert.equal(problems[0]?.code, 'yaml');
    assert.ok((problems[0]?.line ?? 0) >= 17, `line ${problems[0]?.line}`);
  });

  it('reports schema errors at the offending line', () => {
    assert.deepEqual(problemsOf(parse(GOOD.replace('    kind: info', '    kind: infos'))).map((p) => [p.code, p.line]), [['schema', 16]]);
    const missing = problemsOf(parse(GOOD.replace('    text: Read.\n', '')));
    assert.deepEqual(missing.map((p) => [p.code, p.line]), [['schema', 15]]);
    assert.match(missing[0]?.message ?? '', /^steps\[1\]\.text: /);
    const extra = problemsOf(parse(GOOD.replace('    text: Read.\n', '    text: Read.\n    colour: red\n')));
    assert.deepEqual(extra, [{ code: 'schema', line: 19, message: 'steps[1]: unknown key colour' }]);
  });

  it('rejects an unknown next step at its line', () => {
    assert.deepEqual(problemsOf(parse(GOOD.replace('        next: second', '        next: secnod'))), [
      { code: 'unknown_step', line: 12, message: 'unknown next step "secnod" (steps: first, second, add-artifacts, analyst-note)' },
    ]);
  });

  it('rejects an unreachable step', () => {
    const problems = problemsOf(parse(GOOD.replace('        next: second', '        next: add-artifacts')));
    assert.deepEqual(problems, [{ code: 'unreachable_step', line: 15, message: 'step "second" is never reached from the first step "first"' }]);
  });

  it('rejects a playbook without Add Artifacts or without Analyst Note', () => {
    const noArtifacts = GOOD.replace(/ {2}- id: add-artifacts[\s\S]*?next: analyst-note\n/, '').replaceAll('next: add-artifacts', 'next: analyst-note');
    const p1 = problemsOf(parse(noArtifacts));
    assert.deepEqual(p1.map((p) => p.code), ['missing_ending']);
    assert.match(p1[0]?.message ?? '', /no Add Artifacts step: every playbook ends with Add Artifacts \(kind: artifacts\) then Analyst Note/);
    const noNote = GOOD.replace(/ {2}- id: analyst-note[\s\S]*$/, '').replace('next: analyst-note', 'next: first');
    const p2 = problemsOf(parse(noNote));
    assert.deepEqual(p2.map((p) => p.code), ['missing_ending']);
    assert.match(p2[0]?.message ?? '', /no Analyst Note step/);
  });

  it('rejects a branch that skips Add Artifacts unless it says so', () => {
    const skip = GOOD.replace('        next: add-artifacts', '        next: analyst-note');
    const problems = problemsOf(parse(skip));
    assert.deepEqual(problems.map((p) => [p.code, p.line]), [['missing_ending', 14]]);
    assert.match(problems[0]?.message ?? '', /option "B" of step "first" goes to "analyst-note" without Add Artifacts/);
    assert.equal(parsePlaybook(skip.replace('        next: analyst-note', '        next: analyst-note\n        skipsArtifacts: true'), 't.yaml', tools).id, 't');
    const needless = GOOD.replace('        next: add-artifacts', '        next: add-artifacts\n        skipsArtifacts: true');
    assert.deepEqual(problemsOf(parse(needless)).map((p) => p.code), ['schema']);
  });

  it('rejects loops, duplicate ids, duplicate options, a second note and unknown tools', () => {
    assert.deepEqual(problemsOf(parse(GOOD.replace('    text: Read.\n    next: add-artifacts', '    text: Read.\n    next: first'))).map((p) => [p.code, p.line]), [
      ['cycle', 19],
    ]);
    assert.deepEqual(problemsOf(parse(GOOD.replace('  - id: second', '  - id: first'))).map((p) => p.code).slice(0, 1), ['duplicate_step']);
    assert.deepEqual(problemsOf(parse(GOOD.replace('      - label: B', '      - label: A'))).map((p) => [p.code, p.line]), [['duplicate_option', 13]]);
    const twoNotes = GOOD.replace('  - id: second\n    kind: info', '  - id: second\n    kind: note').replace('    text: Read.\n    next: add-artifacts\n', '    text: Read.\n');
    assert.deepEqual(problemsOf(parse(twoNotes)).map((p) => p.code), ['duplicate_ending']);
    assert.deepEqual(problemsOf(parse(GOOD.replace('    text: Pick one.', '    text: Pick one.\n    tools: [virustotal, shodan]'))), [
      { code: 'unknown_tool', line: 10, message: `unknown tool "shodan" (tools: ${[...tools.keys()].join(', ')})` },
    ]);
  });

  it('requires a next step for every option', () => {
    const problems = problemsOf(parse(GOOD.replace('      - label: B\n        next: add-artifacts', '      - B')));
    assert.deepEqual(problems.map((p) => [p.code, p.line]), [['schema', 13]]);
  });

  it('rejects a bad tool catalogue', () => {
    assert.deepEqual(problemsOf(() => parseTools('tools:\n  x:\n    label: X\n    kind: magic\n', 'tools.yaml')).map((p) => [p.code, p.line]), [['schema', 4]]);
  });
});
