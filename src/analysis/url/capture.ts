// Title, DOM size and viewport screenshot of the page, each on a leash so that a huge DOM or a busy script cannot hang the run.
import type { Page } from 'playwright-core';
import { settle } from './deadline.ts';

export interface Capture {
  title: string | null;
  domNodes: number | null;
  png: Uint8Array | null;
  warnings: string[];
}

/** Short leash for the screenshot once the DOM is over the cap (or could not even be counted). */
const HUGE_DOM_SCREENSHOT_MS = 4_000;

export async function capturePage(page: Page, budgetMs: number, maxDomNodes: number): Promise<Capture> {
  const started = Date.now();
  const left = (): number => budgetMs - (Date.now() - started);
  const warnings: string[] = [];
  const counted = await settle(page.evaluate<unknown>('document.getElementsByTagName("*").length'), Math.min(2_000, left() / 4), null);
  const domNodes = typeof counted === 'number' ? counted : null;
  const huge = domNodes === null || domNodes > maxDomNodes;
  if (domNodes === null) warnings.push('the DOM could not be measured (page busy or gone)');
  else if (huge) warnings.push(`DOM has ${domNodes} elements, over the ${maxDomNodes} cap: capture on a short leash`);
  const title = await settle(page.title(), Math.min(1_500, left() / 3), null);
  if (title === null) warnings.push('title not read in time');
  const shotMs = Math.max(0, huge ? Math.min(HUGE_DOM_SCREENSHOT_MS, left()) : left());
  let png: Uint8Array | null = null;
  if (shotMs < 200) warnings.push('no time left for a screenshot');
  else {
    png = await settle(
      page.screenshot({ type: 'png', fullPage: false, timeout: shotMs, caret: 'initial' }).then((b) => new Uint8Array(b)),
      shotMs + 500,
      null,
    );
    if (!png) warnings.push(`screenshot not taken within ${shotMs} ms`);
  }
  return { title, domNodes, png, warnings };
}
