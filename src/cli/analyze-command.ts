// `watchfloor analyze file PATH`: static analysis of a sample (type, hashes, PE, signature, YARA, archive members); never runs it.
import { analyzeFile, type FileReport } from '../analysis/file/analyze-file.ts';
import { yaraRuleDir } from '../analysis/file/rule-folder.ts';
import { loadYaraRules, type YaraScanner } from '../analysis/file/yara.ts';
import { analyzeUrl } from '../analysis/url/analyze-url.ts';
import type { UrlReport } from '../analysis/url/url-report.ts';
import { dataDir, type GlobalOptions } from './context.ts';

export interface AnalyzeFileCommandOptions extends GlobalOptions {
  yara?: string;
  password?: string;
  maxSize?: number;
}

export async function analyzeFileCommand(path: string, options: AnalyzeFileCommandOptions): Promise<FileReport> {
  let yara: YaraScanner | null = null;
  try {
    yara = await loadYaraRules(yaraRuleDir(dataDir(options), options.yara));
    return await analyzeFile(path, { yara, password: options.password, maxSize: options.maxSize, dataDir: dataDir(options) });
  } finally {
    await yara?.close();
  }
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

export function formatFileReport(r: FileReport, indent = ''): string {
  const out = [
    `${r.name ?? '(sample)'} — ${r.type.description} (${r.type.mime}), ${r.size} bytes`,
    `md5 ${r.hashes.md5}`,
    `sha1 ${r.hashes.sha1}`,
    `sha256 ${r.hashes.sha256}`,
  ];
  if (r.pe) {
    const pe = r.pe;
    out.push(
      `PE: ${pe.format} ${pe.machineName} ${pe.isDll ? 'DLL' : 'EXE'}, subsystem ${pe.subsystemName}, compiled ${pe.timestampIso ?? hex(pe.timestamp)}`,
      `entry point ${hex(pe.entryPoint)} (${pe.entryPointSection ?? 'outside sections'}), imphash ${pe.imphash || '-'}`,
      'sections:',
      ...pe.sections.map((s) => `  ${s.name.padEnd(8)} raw ${String(s.rawSize).padStart(8)}  virtual ${String(s.virtualSize).padStart(8)}  entropy ${s.entropy.toFixed(2)}  ${s.flags.join(',')}`),
      `imports: ${pe.imports.map((i) => `${i.dll} (${i.functions.length})`).join(', ') || 'none'}`,
    );
    if (pe.exports) out.push(`exports: ${pe.exports.functions.map((f) => f.name ?? `#${f.ordinal}`).join(', ')}`);
    if (pe.versionInfo) out.push(`version info: ${Object.entries(pe.versionInfo.strings).map(([k, v]) => `${k}=${v}`).join('; ')}`);
    if (pe.overlay) out.push(`overlay: ${pe.overlay.size} bytes at ${hex(pe.overlay.offset)}`);
    for (const a of pe.anomalies) out.push(`! ${a.message}`);
  }
  if (r.authenticode) {
    const a = r.authenticode;
    out.push(
      `signature: ${a.valid ? 'valid' : 'INVALID'} (${a.digestMatches ? 'digest matches' : 'file modified after signing'}, ${a.signatureVerifies ? 'signature verifies' : 'signature does not verify'}), chain ${a.chainStatus}`,
      `signer: ${a.signer?.subject ?? '-'}; issuer ${a.signer?.issuer ?? '-'}; serial ${a.signer?.serialNumber ?? '-'}`,
    );
  }
  for (const m of r.yara) out.push(`YARA ${m.rule}${m.tags.length ? ` [${m.tags.join(', ')}]` : ''}: ${m.strings.map((s) => `${s.identifier}@${hex(s.offset)}`).join(' ')}`);
  if (r.archive) {
    out.push(`archive: ${r.archive.members.length} members`);
    for (const m of r.archive.members) {
      out.push(`  ${m.name}: ${m.status}`);
      if (m.analysis) out.push(formatFileReport(m.analysis, `${indent}    `));
    }
  }
  for (const w of r.warnings) out.push(`! ${w}`);
  return out.map((l) => indent + l).join('\n');
}

export interface AnalyzeUrlCommandOptions extends GlobalOptions {
  allowLoopback?: boolean;
  timeout?: number;
}

export async function analyzeUrlCommand(url: string, options: AnalyzeUrlCommandOptions): Promise<UrlReport> {
  let yara: YaraScanner | null = null;
  try {
    yara = await loadYaraRules(yaraRuleDir(dataDir(options)));
    return await analyzeUrl(url, {
      dataDir: dataDir(options),
      allowLoopback: options.allowLoopback,
      ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
      fileOptions: { yara },
    });
  } finally {
    await yara?.close();
  }
}

export function formatUrlReport(r: UrlReport): string {
  const out = [`${r.url} — ${r.status}${r.statusDetail ? ` (${r.statusDetail})` : ''}`, `final URL: ${r.finalUrl ?? '-'}; title: ${r.title ?? '-'}`];
  out.push('redirect chain:', ...r.redirectChain.map((h) => `  ${h.status ?? '-'} ${h.url} (${h.via})`));
  out.push(`requests: ${r.requests.length}; blocked: ${r.blocked.length}; bytes: ${r.bytesReceived}`);
  for (const b of r.blocked) out.push(`  blocked ${b.url}: ${b.reason}`);
  for (const d of r.downloads) {
    out.push(`download ${d.suggestedFilename} (${d.status}, ${d.size} bytes) sha256 ${d.sha256 ?? '-'}`);
    if (d.file) out.push(formatFileReport(d.file, '    '));
  }
  if (r.screenshot) out.push(`screenshot: ${r.screenshot.path ?? `${r.screenshot.width}x${r.screenshot.height}`}`);
  for (const e of r.consoleErrors) out.push(`console: ${e.text}`);
  return out.join('\n');
}
