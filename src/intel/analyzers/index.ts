// The registry of external analyzers, in the order they are shown.
import type { ExternalAnalyzer } from '../analyzer.ts';
import { abuseIpDb } from './abuseipdb.ts';
import { anyRun } from './anyrun.ts';
import { hybridAnalysis } from './hybrid-analysis.ts';
import { malwareBazaar } from './malwarebazaar.ts';
import { otx } from './otx.ts';
import { threatFox } from './threatfox.ts';
import { urlhaus } from './urlhaus.ts';
import { urlscan } from './urlscan.ts';
import { virusTotal } from './virustotal.ts';

export const EXTERNAL_ANALYZERS: readonly ExternalAnalyzer[] = [
  virusTotal,
  hybridAnalysis,
  anyRun,
  abuseIpDb,
  urlhaus,
  malwareBazaar,
  threatFox,
  otx,
  urlscan,
];

export function externalAnalyzer(id: string): ExternalAnalyzer | undefined {
  return EXTERNAL_ANALYZERS.find((a) => a.id === id);
}
