// Tests for YARA scanning: both engines (YARA-X binding, Debian yara command) give the same matches; compile errors name file and line.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePe } from './pe/parse-pe.ts';
import { loadYaraRules, YaraCompileError, type YaraScanner } from './yara.ts';

const FIXTURES = new URL('../../../test/fixtures/pe/', import.meta.url).pathname;
const signed = readFileSync(join(FIXTURES, 'signed-x64.exe'));
const signedPe = parsePe(signed);
const imphash = signedPe.ok ? signedPe.pe.imphash : '';

const RULES: Record<string, string> = {
  'basic.yar': `rule hello : greeting test {
  meta: author = "wf, \\"team\\"" score = 7 reviewed = true
  strings: $s = "hello" $h = { 41 42 }
  condition: any of them
}
`,
  'sub/pe.yara': `import "pe"
rule signed_fixture { meta: family = "fixture" condition: pe.imphash() == "${imphash}" and pe.number_of_signatures == 1 }
rule versioned { strings: $v = "Watchfloor versioned fixture" wide condition: $v }
`,
  'ignored.txt': 'not a rule',
};

const hasYara = (() => {
  try {
    execFileSync('yara', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-rules-'));
  mkdirSync(join(dir, 'sub'));
  for (const [name, text] of Object.entries(RULES)) writeFileSync(join(dir, name), text);
});
after(() => rmSync(dir, { recursive: true, force: true }));

for (const engine of ['yara-x', 'yara-cli'] as const) {
  describe(`YARA engine ${engine}`, { skip: engine === 'yara-cli' && !hasYara ? 'Debian yara is not installed' : false }, () => {
    let scanner: YaraScanner;
    before(async () => {
      scanner = await loadYaraRules(dir, { engine });
    });
    after(() => scanner.close());

    it('compiles the folder recursively (*.yar, *.yara only)', () => {
      assert.equal(scanner.engine, engine);
      assert.deepEqual(scanner.files.map((f) => f.slice(dir.length + 1)), ['basic.yar', 'sub/pe.yara']);
    });

    it('rule name, tags, metadata and string matches with offsets', async () => {
      const matches = await scanner.scan(Buffer.from('hello AB hello'));
      assert.deepEqual(matches, [{
        rule: 'hello', namespace: 'default', tags: ['greeting', 'test'], meta: { author: 'wf, "team"', score: 7, reviewed: true },
        strings: [
          { identifier: '$s', offset: 0, length: 5, hex: '68656c6c6f' },
          { identifier: '$h', offset: 6, length: 2, hex: '4142' },
          { identifier: '$s', offset: 9, length: 5, hex: '68656c6c6f' },
        ],
      }]);
      assert.deepEqual(await scanner.scan(new Uint8Array(0)), []);
    });

    it('the pe module sees our imphash and the signature on the signed fixture', async () => {
      const names = (await scanner.scan(signed)).map((m) => m.rule).sort();
      assert.deepEqual(names, ['signed_fixture', 'versioned']);
      const hello = (await scanner.scan(readFileSync(join(FIXTURES, 'hello-x64.exe')))).map((m) => m.rule);
      assert.deepEqual(hello, []);
    });

    it('compile errors name the file and the line', async () => {
      const bad = mkdtempSync(join(tmpdir(), 'wf-bad-'));
      try {
        writeFileSync(join(bad, 'good.yar'), 'rule fine { condition: true }\n');
        writeFileSync(join(bad, 'broken.yar'), 'rule broken {\n  strings: $a = "x"\n  condition: $b\n}\n');
        await assert.rejects(loadYaraRules(bad, { engine }), (err: unknown) => {
          assert.ok(err instanceof YaraCompileError);
          assert.equal(err.errors.length, 1);
          assert.equal(err.errors[0]?.file, 'broken.yar');
          // YARA-X points at the bad identifier (line 3); libyara reports where the rule ends (line 4).
          const line = engine === 'yara-x' ? 3 : 4;
          assert.equal(err.errors[0]?.line, line);
          assert.match(err.message, new RegExp(`broken\\.yar:${line}`));
          return true;
        });
        const skipping = await loadYaraRules(bad, { engine, onError: 'skip' });
        assert.deepEqual(skipping.errors.map((e) => e.file), ['broken.yar']);
        assert.deepEqual((await skipping.scan(Buffer.from('x'))).map((m) => m.rule), ['fine']);
        await skipping.close();
      } finally {
        rmSync(bad, { recursive: true, force: true });
      }
    });
  });
}
