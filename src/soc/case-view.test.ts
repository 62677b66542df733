// Every shipped playbook fits the case view's response schema: a case on any of them is served, never a 500.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseViewSchema } from './cases.ts';
import { loadPlaybookLibrary } from './playbooks/playbook.ts';

const playbookSchema = caseViewSchema.shape.playbook;

test('the six shipped playbooks fit the response schema, every step kind included, without their server path', () => {
  const { playbooks } = loadPlaybookLibrary();
  assert.equal(playbooks.size, 6);
  const kinds = new Set<string>();
  for (const playbook of playbooks.values()) {
    const parsed = playbookSchema.safeParse(playbook);
    assert.ok(parsed.success, `${playbook.id}: ${parsed.error?.issues[0]?.message ?? ''} at ${parsed.error?.issues[0]?.path.join('.') ?? ''}`);
    assert.equal('file' in parsed.data, false);
    assert.equal(parsed.data.steps.length, playbook.steps.length);
    for (const step of parsed.data.steps) kinds.add(step.kind);
  }
  assert.deepEqual([...kinds].sort(), ['artifacts', 'choice', 'info', 'note', 'select']);
});
