// benchFileAnalysis: MB/s of hashes + PE + Authenticode over a mixed ~50 MB in-memory corpus, and YARA-X vs Debian yara throughput.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobWriter, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { analyzeFile } from '../src/analysis/file/analyze-file.ts';
import { loadYaraRules } from '../src/analysis/file/yara.ts';
import type { SectionFigure } from './measure.ts';

const FIXTURES = new URL('../test/fixtures/pe/', import.meta.url).pathname;
const MB = 1 << 20;

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  const words = new Uint32Array(out.buffer, 0, size >> 2);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return out;
}

/** Text-like bytes (log lines), compressible like real documents. */
function textBytes(size: number, seed: number): Uint8Array {
  const words = ['GET', 'POST', 'http://example.org/', 'index.html', '200', '404', 'Mozilla/5.0', 'watchfloor', 'alert', 'user'];
  const parts: string[] = [];
  let n = 0;
  let x = seed;
  while (n < size) {
    x = (x * 1103515245 + 12345) >>> 0;
    const w = `${words[x % words.length] ?? ''} ${x % 997}${x % 7 === 0 ? '\n' : ' '}`;
    parts.push(w);
    n += w.length;
  }
  return Buffer.from(parts.join('').slice(0, size));
}

async function zipOf(items: [string, Uint8Array][]): Promise<Uint8Array> {
  const writer = new ZipWriter(new BlobWriter('application/zip'), { level: 1 });
  for (const [name, data] of items) await writer.add(name, new Uint8ArrayReader(data));
  return new Uint8Array(await (await writer.close()).arrayBuffer());
}

/**
 * ~50 MB: PE fixtures padded to 1 MB with an overlay, signed PEs padded to 1 MB after their certificate table (full
 * Authenticode work; the digest then mismatches, as for any file appended to after signing), the small signed and
 * tampered fixtures as they are, random blobs, text, and zips of them.
 */
export async function buildFileCorpus(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const corpus: { name: string; bytes: Uint8Array }[] = [];
  const fixtures = ['hello-x86.exe', 'hello-x64.exe', 'exports-x64.dll', 'versioned-x64.exe'].map((f) => readFileSync(join(FIXTURES, f)));
  const signed = readFileSync(join(FIXTURES, 'signed-x64.exe'));
  const tampered = readFileSync(join(FIXTURES, 'tampered-x64.exe'));
  for (let i = 0; i < 16; i++) {
    const base = fixtures[i % fixtures.length] as Buffer;
    corpus.push({ name: `padded-${i}.exe`, bytes: Buffer.concat([base, randomBytes(MB - base.length, i + 1)]) });
  }
  for (let i = 0; i < 8; i++) corpus.push({ name: `signed-padded-${i}.exe`, bytes: Buffer.concat([signed, randomBytes(MB - signed.length, 300 + i)]) });
  for (let i = 0; i < 40; i++) corpus.push({ name: `signed-${i}.exe`, bytes: i % 10 === 0 ? tampered : signed });
  for (let i = 0; i < 16; i++) corpus.push({ name: `random-${i}.bin`, bytes: randomBytes(MB, 1000 + i) });
  for (let i = 0; i < 8; i++) corpus.push({ name: `text-${i}.log`, bytes: textBytes(MB, 77 + i) });
  for (let i = 0; i < 4; i++) {
    corpus.push({
      name: `archive-${i}.zip`,
      bytes: await zipOf([['doc.log', textBytes(2 * MB, i)], ['blob.bin', randomBytes(MB, 500 + i)], ['app.exe', signed]]),
    });
  }
  return corpus;
}

/** 100 rules: literal and hex strings, a few using the pe module. */
export function generateRules(count = 100): string {
  const rules = ['import "pe"'];
  for (let i = 0; i < count; i++) {
    const hex = [i & 0xff, (i * 7) & 0xff, 0x4d, 0x5a].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const condition = i % 10 === 0 ? `pe.number_of_sections > ${i % 5} and any of them` : i % 10 === 1 ? '2 of them' : 'any of them';
    rules.push(`rule bench_${i} : bench { meta: id = ${i} strings: $s = "watchfloor-marker-${i}" $t = "user ${i}" nocase $h = { ${hex} } condition: ${condition} }`);
  }
  return rules.join('\n') + '\n';
}

const mbPerSecond = (bytes: number, ms: number): number => Math.round((bytes / MB / (ms / 1000)) * 10) / 10;

export async function benchFileAnalysis(): Promise<SectionFigure[]> {
  const corpus = await buildFileCorpus();
  const total = corpus.reduce((n, f) => n + f.bytes.length, 0);
  const figures: SectionFigure[] = [{ name: 'file corpus size', value: Math.round((total / MB) * 10) / 10, unit: 'MB' }];

  for (const f of corpus.slice(0, 20)) await analyzeFile(f.bytes, { name: f.name }); // warm-up
  let t = performance.now();
  for (const f of corpus) await analyzeFile(f.bytes, { name: f.name });
  figures.push({ name: 'file analysis: hashes + PE + Authenticode (+ zip members)', value: mbPerSecond(total, performance.now() - t), unit: 'MB/s', target: '>= 100 MB/s' });
  const signed = corpus.find((f) => f.name === 'signed-1.exe')?.bytes ?? new Uint8Array(0);
  t = performance.now();
  for (let i = 0; i < 50; i++) await analyzeFile(signed);
  figures.push({ name: 'file analysis of one small signed PE (fixed PKCS#7 cost)', value: Math.round(((performance.now() - t) / 50) * 100) / 100, unit: 'ms' });

  const work = mkdtempSync(join(tmpdir(), 'wf-bench-file-'));
  try {
    const rulesFile = join(work, 'rules.yar');
    writeFileSync(rulesFile, generateRules(100));
    const scanner = await loadYaraRules(rulesFile, { engine: 'yara-x' });
    let matches = 0;
    t = performance.now();
    for (const f of corpus) matches += (await scanner.scan(f.bytes)).length;
    const oursMs = performance.now() - t;
    await scanner.close();
    figures.push({ name: 'YARA-X scan, 100 rules', value: mbPerSecond(total, oursMs), unit: 'MB/s' });
    figures.push({ name: 'YARA-X rule matches over the corpus', value: matches, unit: 'matches' });

    const samples = join(work, 'samples');
    execFileSync('mkdir', ['-p', samples]);
    corpus.forEach((f, i) => writeFileSync(join(samples, `${i}-${f.name}`), f.bytes));
    const compiled = join(work, 'rules.yarc');
    try {
      execFileSync('yarac', [rulesFile, compiled], { stdio: 'ignore' });
      t = performance.now();
      execFileSync('yara', ['-C', '-r', '-p', '1', '-w', compiled, samples], { stdio: 'ignore', maxBuffer: 64 * MB });
      const cliMs = performance.now() - t;
      figures.push({ name: 'Debian yara -p 1, same rules and files', value: mbPerSecond(total, cliMs), unit: 'MB/s' });
      figures.push({ name: 'YARA throughput ratio (YARA-X in process / Debian yara)', value: Math.round((cliMs / oursMs) * 100) / 100, unit: 'x', target: '>= 1.0' });
    } catch {
      figures.push({ name: 'YARA throughput ratio (YARA-X in process / Debian yara)', value: Number.NaN, unit: 'x (Debian yara not installed)', target: '>= 1.0' });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return figures;
}
