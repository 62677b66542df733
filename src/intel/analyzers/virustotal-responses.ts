// Test and bench support: VirusTotal v3 URL reports shaped like the real thing (per-engine results included).

export const URL_VALUE = 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit';
const URL_ID = Buffer.from(URL_VALUE).toString('base64url');

function engines(malicious: number, total: number): Record<string, { category: string; engine_name: string; result: string; method: string }> {
  const out: Record<string, { category: string; engine_name: string; result: string; method: string }> = {};
  for (let i = 0; i < total; i++) {
    const name = i === 0 && malicious > 0 ? 'Trustwave' : `Engine${i}`;
    out[name] = i < malicious
      ? { category: 'malicious', engine_name: name, result: 'malicious', method: 'blacklist' }
      : { category: i % 3 === 0 ? 'undetected' : 'harmless', engine_name: name, result: i % 3 === 0 ? 'unrated' : 'clean', method: 'blacklist' };
  }
  return out;
}

export function vtUrlReport(malicious: number, total: number): unknown {
  const results = engines(malicious, total);
  const stats = { harmless: 0, malicious: 0, suspicious: 0, undetected: 0, timeout: 0 };
  for (const e of Object.values(results)) stats[e.category as 'harmless' | 'malicious' | 'undetected']++;
  return {
    data: {
      id: 'c9f2bd0a8d8b5ad1d1b0aa55c2a4ad4dfd0e2c54a4f0d5f5d9d0c2d8a5e6f7a8',
      type: 'url',
      links: { self: `https://www.virustotal.com/api/v3/urls/${URL_ID}` },
      attributes: {
        url: URL_VALUE,
        last_analysis_date: 1616320931,
        last_analysis_stats: stats,
        last_analysis_results: results,
        reputation: 0,
        times_submitted: 3,
      },
    },
  };
}

