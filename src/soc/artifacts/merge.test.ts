import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTIFACT_COMMENT_MAX_LENGTH, MAX_ARTIFACTS } from './limits.ts';
import { mergeArtifacts, validateArtifactList } from './merge.ts';

describe('mergeArtifacts', () => {
  it('merges same type + value, joining distinct comments in order', () => {
    const merged = mergeArtifacts([
      { type: 'IP Address', value: '172.16.17.5', comment: 'source host' },
      { type: 'URL Address', value: 'https://www.win-rar.com/x', comment: '' },
      { type: 'IP Address', value: '172.16.17.5', comment: ' SusieHost ' },
      { type: 'IP Address', value: '172.16.17.5', comment: 'source host' },
      { type: 'URL Address', value: 'https://www.win-rar.com/x', comment: 'download page' },
    ]);
    assert.deepEqual(merged, [
      { type: 'IP Address', value: '172.16.17.5', comment: 'source host; SusieHost' },
      { type: 'URL Address', value: 'https://www.win-rar.com/x', comment: 'download page' },
    ]);
  });

  it('keeps equal values of different types apart', () => {
    const merged = mergeArtifacts([
      { type: 'Domain', value: 'win-rar.com', comment: '' },
      { type: 'E-mail Domain', value: 'win-rar.com', comment: '' },
    ]);
    assert.equal(merged.length, 2);
  });

  it('compares hostnames and usernames case-insensitively, keeping the first spelling', () => {
    const merged = mergeArtifacts([
      { type: 'Hostname', value: 'SusieHost', comment: 'a' },
      { type: 'Hostname', value: 'susiehost', comment: 'b' },
      { type: 'Username', value: 'Susie', comment: '' },
      { type: 'Username', value: 'SUSIE', comment: '' },
      { type: 'URL Address', value: 'https://a.com/X', comment: '' },
      { type: 'URL Address', value: 'https://a.com/x', comment: '' },
    ]);
    assert.deepEqual(merged.map((a) => `${a.type}=${a.value}:${a.comment}`), [
      'Hostname=SusieHost:a; b',
      'Username=Susie:',
      'URL Address=https://a.com/X:',
      'URL Address=https://a.com/x:',
    ]);
  });

  it('cuts a joined comment at the comment limit', () => {
    const long = 'x'.repeat(ARTIFACT_COMMENT_MAX_LENGTH - 5);
    const [one] = mergeArtifacts([
      { type: 'Domain', value: 'a.com', comment: long },
      { type: 'Domain', value: 'a.com', comment: 'another remark' },
    ]);
    assert.equal(one?.comment.length, ARTIFACT_COMMENT_MAX_LENGTH);
    assert.ok(one?.comment.endsWith('…'));
  });

  it('does not change its input', () => {
    const input = [
      { type: 'Domain' as const, value: 'a.com', comment: 'one' },
      { type: 'Domain' as const, value: 'a.com', comment: 'two' },
    ];
    mergeArtifacts(input);
    assert.equal(input[0]?.comment, 'one');
  });
});

describe('validateArtifactList', () => {
  it('normalises every row, then merges duplicates that only differed in spelling', () => {
    const r = validateArtifactList([
      { type: 'URL Address', value: 'HXXPS://WWW.Win-Rar[.]com/x', comment: 'defanged' },
      { type: 'URL Address', value: 'https://www.win-rar.com/x', comment: 'plain' },
      { type: 'MD5 Hash', value: '8B88EBBB05A0E56B7DCC708498C02B3E' },
    ]);
    assert.deepEqual(r, {
      ok: true,
      artifacts: [
        { type: 'URL Address', value: 'https://www.win-rar.com/x', comment: 'defanged; plain' },
        { type: 'MD5 Hash', value: '8b88ebbb05a0e56b7dcc708498c02b3e', comment: '' },
      ],
    });
  });

  it('reports every bad row with its index and field', () => {
    const r = validateArtifactList([
      { type: 'IP Address', value: '172.16.17.5' },
      { type: 'IP Adress', value: '1.2.3.4' },
      { type: 'MD5 Hash', value: 'nothex' },
      { type: 'Domain', value: 'a.com', comment: 'c'.repeat(ARTIFACT_COMMENT_MAX_LENGTH + 1) },
      { type: 'Domain', value: 'b.com', comment: 'bell\u0007' },
    ]);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.errors.map((e) => [e.index, e.field]), [[1, 'type'], [2, 'value'], [3, 'comment'], [4, 'comment']]);
    assert.match(r.errors[0]?.reason ?? '', /unknown artifact type "IP Adress"/);
  });

  it('accepts multi-line comments and an empty list', () => {
    assert.equal(validateArtifactList([{ type: 'Domain', value: 'a.com', comment: 'line 1\nline 2' }]).ok, true);
    assert.deepEqual(validateArtifactList([]), { ok: true, artifacts: [] });
  });

  it('caps the number of artifacts after merging', () => {
    const rows = Array.from({ length: MAX_ARTIFACTS + 1 }, (_, i) => ({ type: 'IP Address', value: `10.0.${i >> 8}.${i & 255}` }));
    const r = validateArtifactList(rows);
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.errors, [{ index: -1, field: 'list', reason: `${MAX_ARTIFACTS + 1} artifacts, at most ${MAX_ARTIFACTS}` }]);
    const dupes = [...rows.slice(0, MAX_ARTIFACTS), { type: 'IP Address', value: '10.0.0.0' }];
    assert.equal(validateArtifactList(dupes).ok, true);
  });
});
