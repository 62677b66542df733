// Records one sandbox run from the browser's events: requests, the main page's redirect chain, refusals, console and page errors.
import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import type { DestinationPolicy } from './destination-policy.ts';
import type { ProxyBlock, ProxyExchange } from './egress-proxy.ts';
import { within, type Tripwire } from './deadline.ts';
import type { BlockedRecord, DownloadRecord, PageMessage, RedirectHop, RequestRecord, UrlBudgets } from './url-report.ts';

export type StopReason = 'too_many_redirects' | 'too_many_requests' | 'too_large';

const MAX_MESSAGES = 200;
const MAX_TEXT = 2_000;

export class RunRecorder {
  readonly requests: RequestRecord[] = [];
  readonly chain: RedirectHop[] = [];
  readonly blocked: BlockedRecord[] = [];
  readonly consoleErrors: PageMessage[] = [];
  readonly pageErrors: PageMessage[] = [];
  readonly limitsHit = new Set<keyof UrlBudgets>();
  inflight = 0;
  lastActivity = Date.now();
  private readonly records = new Map<Request, RequestRecord>();
  private readonly hops = new Map<Request, RedirectHop>();
  private readonly sizes: Promise<void>[] = [];

  constructor(
    private readonly page: Page,
    private readonly budgets: UrlBudgets,
    private readonly policy: DestinationPolicy,
    private readonly stop: Tripwire<StopReason>,
  ) {}

  /** Listens on the whole context (popups included) and intercepts every request. */
  async attach(context: BrowserContext): Promise<void> {
    context.on('request', (req) => this.onRequest(req));
    context.on('response', (res) => {
      this.touch();
      const rec = this.records.get(res.request());
      if (rec) rec.status = res.status();
      const hop = this.hops.get(res.request());
      if (hop) hop.status = res.status();
    });
    context.on('requestfinished', (req) => {
      this.done(req);
      const rec = this.records.get(req);
      if (rec) this.sizes.push(req.sizes().then((s) => { rec.size = s.responseBodySize; }, () => undefined));
    });
    context.on('requestfailed', (req) => {
      this.done(req);
      const rec = this.records.get(req);
      if (rec && !rec.blocked) rec.failure = req.failure()?.errorText ?? 'failed';
    });
    context.on('console', (msg) => {
      if (msg.type() !== 'error' || this.consoleErrors.length >= MAX_MESSAGES) return;
      const loc = msg.location();
      this.consoleErrors.push({ text: msg.text().slice(0, MAX_TEXT), ...(loc.url ? { location: `${loc.url}:${loc.lineNumber}:${loc.columnNumber}` } : {}) });
    });
    context.on('weberror', (err) => {
      if (this.pageErrors.length >= MAX_MESSAGES) return;
      const e = err.error();
      this.pageErrors.push({ text: `${e.name}: ${e.message}`.slice(0, MAX_TEXT), ...(e.stack ? { location: e.stack.split('\n')[1]?.trim() ?? '' } : {}) });
    });
    await context.route('**/*', (route) => this.onRoute(route));
  }

  private touch(): void {
    this.lastActivity = Date.now();
  }

  private done(req: Request): void {
    if (this.records.has(req)) this.inflight = Math.max(0, this.inflight - 1);
    this.touch();
  }

  private isMainNavigation(req: Request): boolean {
    try {
      return req.isNavigationRequest() && req.frame() === this.page.mainFrame();
    } catch {
      return false;
    }
  }

  private onRequest(req: Request): void {
    this.touch();
    if (this.records.size >= this.budgets.maxRequests) {
      this.limitsHit.add('maxRequests');
      this.stop.trip('too_many_requests');
      return;
    }
    const rec: RequestRecord = { url: req.url(), method: req.method(), resourceType: req.resourceType(), status: null, size: null };
    this.records.set(req, rec);
    this.requests.push(rec);
    this.inflight++;
    if (!this.isMainNavigation(req)) return;
    const via: RedirectHop['via'] = req.redirectedFrom() ? 'http_redirect' : this.chain.length === 0 ? 'start' : 'client_navigation';
    const hop: RedirectHop = { url: req.url(), status: null, via };
    this.hops.set(req, hop);
    this.chain.push(hop);
    if (this.chain.length - 1 > this.budgets.maxRedirects) {
      this.limitsHit.add('maxRedirects');
      this.stop.trip('too_many_redirects');
    }
  }

  private async onRoute(route: Route): Promise<void> {
    const req = route.request();
    try {
      if (this.stop.reason !== null) {
        await route.abort('blockedbyclient');
        return;
      }
      const verdict = await this.policy.checkUrl(req.url());
      if (!verdict.allowed) {
        this.blocked.push({ url: req.url(), reason: verdict.reason, by: 'route', resourceType: req.resourceType() });
        const rec = this.records.get(req);
        if (rec) rec.blocked = verdict.reason;
        const hop = this.hops.get(req);
        if (hop) hop.blocked = verdict.reason;
        await route.abort('blockedbyclient');
        return;
      }
      await route.continue();
    } catch {
      // The page or context closed while the request was paused.
    }
  }

  /** Folds the proxy's refusals (redirect hops, tunnels) into the request list and chain. */
  addProxyBlocks(blocks: ProxyBlock[]): void {
    for (const b of blocks) {
      const tunnel = b.url.startsWith('https://') && !b.url.slice(8).includes('/');
      const matches = (url: string): boolean => {
        if (!tunnel) return url === b.url;
        try {
          const u = new URL(url);
          return `https://${u.hostname.startsWith('[') ? u.hostname : u.hostname}:${u.port || '443'}` === b.url;
        } catch {
          return false;
        }
      };
      let resourceType: string | undefined;
      let attributed = false;
      for (const [req, rec] of this.records) {
        if (rec.status === null && !rec.blocked && matches(rec.url)) {
          rec.blocked = b.reason;
          attributed = true;
          delete rec.failure;
          resourceType ??= rec.resourceType;
          const hop = this.hops.get(req);
          if (hop) hop.blocked = b.reason;
        }
      }
      if (!this.blocked.some((x) => x.url === b.url && x.reason === b.reason)) {
        this.blocked.push({ url: b.url, reason: b.reason, by: 'proxy', ...(resourceType ? { resourceType } : {}), ...(attributed ? {} : { unattributed: true }) });
      }
    }
  }

  /**
   * Downloads started by a link (`<a download>`) never show up as browser requests (nor pass the route): list them from the
   * proxy's log, which saw them leave.
   */
  addDownloadRequests(downloads: DownloadRecord[], exchanges: ProxyExchange[]): void {
    for (const d of downloads) {
      if (this.requests.some((r) => r.url === d.url)) continue;
      const seen = exchanges.find((e) => e.url === d.url);
      this.requests.push({ url: d.url, method: seen?.method ?? 'GET', resourceType: 'download', status: seen?.status ?? null, size: seen?.bytes ?? d.size });
    }
  }

  markDownloadHop(url: string): void {
    for (const hop of this.chain) if (hop.url === url) hop.download = true;
  }

  /** Waits (bounded) for the response sizes Playwright computes after each request finishes. */
  async flushSizes(ms: number): Promise<void> {
    await within(Promise.allSettled(this.sizes), ms);
  }
}
