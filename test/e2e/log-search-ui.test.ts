// Log Management in the browser: Basic mode with a column filter and the RAW LOG view; Query mode with a field query,
// the event count, histogram and interesting fields, where a field value narrows the search (and the URL keeps it).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { logIn, saveScreenshot, startWorkbench, type Workbench } from './helpers/workbench.ts';

let wb: Workbench;
before(async () => {
  wb = await startWorkbench();
});
after(async () => {
  await wb?.close();
});

test('Basic mode: filtering SRC ADDRESS finds the two proxy entries of 172.16.17.5, and RAW shows Key: value lines', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/logs');
  await page.getByTestId('log-table').waitFor();
  await saveScreenshot(page, 'logs-basic');
  await page.getByLabel('Filter SRC ADDRESS').fill('172.16.17.5');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/q=source\.ip%3A172\.16\.17\.5/);
  await page.getByTestId('event-count').filter({ hasText: /^2 events$/ }).waitFor();
  const rows = page.getByTestId('log-table').locator('tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).innerText(), /Mar 21, 2021, 01:02 PM\s+Proxy\s+172\.16\.17\.5\s+43213\s+51\.195\.68\.163\s+443/);
  assert.match(await rows.nth(1).innerText(), /Feb 07, 2021, 06:32 PM\s+Proxy\s+172\.16\.17\.5\s+56346\s+89\.40\.172\.121\s+80/);

  await rows.nth(0).getByRole('button', { name: 'RAW' }).click();
  const raw = page.getByRole('dialog');
  await raw.getByTestId('field-lines').waitFor();
  const text = await raw.innerText();
  assert.match(text, /RAW LOG/);
  assert.match(text, /Request URL\s*:\s*https:\/\/www\.win-rar\.com\/postdownload\.html\?&L=0&Version=32bit/);
  assert.match(text, /Parent Process MD5\s*:\s*8b88ebbb05a0e56b7dcc708498c02b3e/);
  await saveScreenshot(page, 'logs-raw');
});

test('Query mode: a field query, its count and fields; clicking a value adds it to the query', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, `/logs?mode=query&q=${encodeURIComponent('source.ip:172.16.17.0/24')}`);
  await page.getByTestId('event-count').filter({ hasText: /^\d+ events$/ }).waitFor();
  const before = Number((await page.getByTestId('event-count').innerText()).split(' ')[0]);
  assert.ok(before > 2, `the /24 holds more than Susie's two events (${before})`);
  await page.getByTestId('histogram').locator('canvas').waitFor();

  await page.getByRole('textbox', { name: 'Query' }).fill('user.name:Susie');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('event-count').filter({ hasText: /^2 events$/ }).waitFor();
  const fields = page.getByTestId('fields-pane');
  await fields.getByText('Allowed', { exact: true }).click();
  await page.waitForURL(/event\.action%3AAllowed/);
  await page.getByTestId('event-count').filter({ hasText: /^1 event$/ }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Query' }).inputValue(), 'user.name:Susie AND event.action:Allowed');

  const events = page.getByTestId('log-event');
  assert.equal(await events.count(), 1);
  await events.first().click();
  await page.getByText('winrar-x32-622.exe').first().waitFor();
  await saveScreenshot(page, 'logs-query');

  // a syntax error is shown at the query bar, not as a blank page
  await page.getByRole('textbox', { name: 'Query' }).fill('source.ip:(172.16.17.5');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText(/at \d+\)/).waitFor();
});
