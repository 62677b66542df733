// Types of the URL sandbox: options with their budgets (and defaults) and the report one run produces.
import type { Browser } from 'playwright-core';
import type { AnalyzeFileOptions, FileReport } from '../file/analyze-file.ts';
import type { DestinationPolicyOptions } from './destination-policy.ts';

export interface UrlBudgets {
  /** Whole run, launch to report (default 30 s). */
  timeoutMs: number;
  /** The first navigation up to the `load` event (default 15 s, never more than the overall budget allows). */
  navigationTimeoutMs: number;
  /** After `load`, time left for scripted navigations and downloads to start (default 1.5 s; extended while requests are in flight). */
  settleMs: number;
  /** Requests past this number are aborted and the run ends (default 500). */
  maxRequests: number;
  /** One download or response body larger than this is cut (default 64 MB). */
  maxDownloadBytes: number;
  /** Bytes received from all destinations (default 256 MB); the run ends when exceeded. */
  maxTotalBytes: number;
  /** HTTP redirects plus client-side navigations of the main page (default 10). */
  maxRedirects: number;
  /** Above this many elements the title and screenshot get a short leash and may be skipped (default 50,000). */
  maxDomNodes: number;
}

export const DEFAULT_BUDGETS: UrlBudgets = {
  timeoutMs: 30_000,
  navigationTimeoutMs: 15_000,
  settleMs: 1_500,
  maxRequests: 500,
  maxDownloadBytes: 64 << 20,
  maxTotalBytes: 256 << 20,
  maxRedirects: 10,
  maxDomNodes: 50_000,
};

export interface AnalyzeUrlOptions extends DestinationPolicyOptions, Partial<UrlBudgets> {
  /** Data folder: downloads go to its sample store, the screenshot to `screenshots/<sha256>.png`. */
  dataDir?: string;
  /** A browser from `launchSandboxBrowser` shared between runs; each run still gets a new context. Without it the run launches its own on a fresh profile. */
  browser?: Browser;
  /** Passed to `analyzeFile` for each download (YARA rules, limits). */
  fileOptions?: Omit<AnalyzeFileOptions, 'dataDir' | 'name' | 'maxSize'>;
}

export type UrlRunStatus =
  | 'ok'
  | 'timeout'
  | 'invalid_url'
  | 'refused_destination'
  | 'navigation_error'
  | 'too_many_redirects'
  | 'too_many_requests'
  | 'too_large'
  | 'browser_error';

export interface RedirectHop {
  url: string;
  /** HTTP status of this hop's response; null when it never answered (refused, failed, cut short). */
  status: number | null;
  /** How the page got here: the submitted URL, an HTTP redirect from the previous hop, or a navigation the page made itself. */
  via: 'start' | 'http_redirect' | 'client_navigation';
  /** Set when this hop was refused by the destination policy. */
  blocked?: string;
  /** The response was a download, not a page. */
  download?: boolean;
}

export interface RequestRecord {
  url: string;
  method: string;
  resourceType: string;
  status: number | null;
  /** Response body bytes as received (encoded), when the request finished. */
  size: number | null;
  /** The policy or a budget refused it (reason). */
  blocked?: string;
  /** Network error text (e.g. net::ERR_CONNECTION_REFUSED). */
  failure?: string;
}

export interface BlockedRecord {
  url: string;
  reason: string;
  /** `route`: stopped in the browser before it left; `proxy`: stopped at the egress proxy (redirect hops, tunnels). */
  by: 'route' | 'proxy';
  resourceType?: string;
  /** A proxy refusal no page request accounts for: the browser's own background traffic, or a socket/tunnel opened by the page. */
  unattributed?: boolean;
}

export interface DownloadRecord {
  url: string;
  suggestedFilename: string;
  status: 'ok' | 'too_large' | 'failed' | 'incomplete';
  /** Bytes kept (complete downloads) or received before the cut. */
  size: number | null;
  sha256: string | null;
  /** Where the sample store keeps it (with `dataDir`). */
  storedAt: string | null;
  file: FileReport | null;
  error?: string;
}

export interface ScreenshotRecord {
  png: Uint8Array;
  width: number;
  height: number;
  sha256: string;
  /** `<dataDir>/screenshots/<sha256>.png` when a data folder was given. */
  path: string | null;
}

export interface PageMessage {
  text: string;
  location?: string;
}

export interface UrlTimings {
  startedAt: string;
  launchMs: number;
  navigationMs: number;
  settleMs: number;
  captureMs: number;
  downloadsMs: number;
  totalMs: number;
}

export interface UrlReport {
  url: string;
  status: UrlRunStatus;
  /** A sentence explaining a status other than ok. */
  statusDetail: string | null;
  finalUrl: string | null;
  title: string | null;
  redirectChain: RedirectHop[];
  requests: RequestRecord[];
  blocked: BlockedRecord[];
  downloads: DownloadRecord[];
  screenshot: ScreenshotRecord | null;
  consoleErrors: PageMessage[];
  pageErrors: PageMessage[];
  /** Element count when it could be measured. */
  domNodes: number | null;
  /** Budgets that cut something short (e.g. `maxDownloadBytes`), each once. */
  limitsHit: (keyof UrlBudgets)[];
  bytesReceived: number;
  warnings: string[];
  timings: UrlTimings;
}
