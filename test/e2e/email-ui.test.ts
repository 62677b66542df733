// Email Security in the browser: search, open, the text body by default, the HTML body only inside `<iframe sandbox="">`
// with its own CSP (a <script> in it does not run, nothing loads from the network), the attachments zip, and Delete.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadScenario } from '../../src/scenarios/scenarios.ts';
import { workflowDb } from '../../src/soc/workflow-tables.ts';
import { logIn, saveScreenshot, startWorkbench, waitForCount, type Workbench } from './helpers/workbench.ts';

let wb: Workbench;
let hostileId = 0;

/** A message whose HTML body tries to run script, to reach the app's window and to load from the network. */
function hostileMail(beacon: string): string {
  const html = [
    '<p>Invoice attached.</p>',
    '<script>window.__mailxss = 1; try { parent.__mailxss = 1; top.document.title = "pwned"; } catch (e) {}</script>',
    `<img src="${beacon}?img" alt="beacon" onerror="window.__mailxss = 2; parent.__mailxss = 2">`,
    `<link rel="stylesheet" href="${beacon}?css"><div style="background:url(${beacon}?bg)">styled</div>`,
    `<form action="${beacon}?form"><button>Pay</button></form>`,
  ].join('\n');
  return [
    'From: Billing <billing@invoices.example>',
    'To: emily.clark@letsdefend.io',
    'Subject: Invoice 4471 (HTML test)',
    'Date: Thu, 12 Oct 2023 10:00:00 +0300',
    'Message-ID: <hostile-e2e@invoices.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Invoice attached (plain text part).',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--b1--',
    '',
  ].join('\r\n');
}

before(async () => {
  wb = await startWorkbench();
  await loadScenario(wb.store, 'phishing-dhl-xlsm');
  const inserted = await workflowDb(wb.store)
    .insertInto('emails')
    .values({
      scenario: null, mailbox: 'emily.clark@letsdefend.io', message_id: '<hostile-e2e@invoices.example>', sent_at: Date.parse('2023-10-12T07:00:00Z'),
      sender: 'billing@invoices.example', recipients: JSON.stringify(['emily.clark@letsdefend.io']), subject: 'Invoice 4471 (HTML test)', sender_ip: '203.0.113.9',
      action: 'Allowed', attachments: '[]', body_text: 'Invoice attached (plain text part).', raw: Buffer.from(hostileMail(`${wb.baseUrl}/api/health`)), deleted_at: null, deleted_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  hostileId = inserted.id;
});
after(async () => {
  await wb?.close();
});

test('the HTML body renders only inside the sandboxed frame: no script runs, nothing loads', async () => {
  const page = await wb.newPage({ colorScheme: 'light' });
  // Chromium reports a request the CSP stops as failed with "csp" before anything is sent; none may get a response
  const answered: string[] = [];
  const blocked: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/health?')) answered.push(r.url());
  });
  page.on('requestfailed', (r) => {
    if (r.url().includes('/api/health?')) blocked.push(`${r.failure()?.errorText ?? '?'} ${r.url()}`);
  });
  await logIn(page, wb.baseUrl, `/email/${hostileId}`);
  const view = page.getByTestId('email-view');
  await view.waitFor();
  assert.match(await page.getByTestId('mail-text').innerText(), /plain text part/, 'the text body is shown by default');
  assert.equal(await page.getByTestId('mail-frame').count(), 0, 'no frame until the HTML body is asked for');
  await page.getByText('HTML (sandboxed)').click();
  const frame = page.getByTestId('mail-frame');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('sandbox'), '', 'an empty sandbox: no allow-scripts, no allow-same-origin');
  const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
  assert.ok(srcdoc.indexOf(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`) < srcdoc.indexOf('<script>'), 'the CSP comes before the message');
  const inner = page.frameLocator('[data-testid="mail-frame"]');
  await inner.getByText('Invoice attached.').waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate('window.__mailxss'), undefined, 'no script of the mail ran in the app');
  assert.notEqual(await page.title(), 'pwned');
  const child = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(child, 'the frame exists');
  assert.equal(await child.evaluate('window.__mailxss'), undefined, 'no script ran inside the frame either');
  assert.deepEqual(answered, [], 'the mail loaded nothing from the network');
  for (const b of blocked) assert.match(b, /^csp /, 'what the mail asked for was stopped by the CSP');
  assert.equal(await page.locator('[data-testid="email-view"] script').count(), 0, 'no mail markup in the app document');
  await saveScreenshot(page, 'email-html');
});

test('search, open the DHL mail with its attachment zip, and delete it (confirm dialog) from the list', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/email');
  await page.getByTestId('email-table').waitFor();
  await page.getByRole('button', { name: 'Detailed search' }).click();
  await page.getByTestId('detailed-search').getByLabel('Attachment name').fill('xlsm');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/attachment=xlsm/);
  const rows = page.getByTestId('email-table').locator('tbody tr');
  await waitForCount(rows, 1);
  assert.match(await rows.first().innerText(), /DHL Shipment Notification/);
  await rows.first().click();
  await page.waitForURL(/\/email\/\d+\?attachment=xlsm/);
  const id = Number(/\/email\/(\d+)/.exec(page.url())![1]);
  const view = page.getByTestId('email-view');
  await view.getByText('noreply@dhl-deliveryinfo.com').waitFor();
  assert.match(await page.getByTestId('attachments').innerText(), /DHL_AWB_7782914502\.xlsm/);
  const zip = page.getByTestId('attachments-zip');
  assert.match(await zip.innerText(), /password: infected/);
  const response = await page.request.get(`${wb.baseUrl}${await zip.getAttribute('href')}`);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-type'], 'application/zip');
  await saveScreenshot(page, 'email');

  await page.getByRole('button', { name: 'Clear' }).click();
  await waitForCount(rows, 4);
  await page.goto(`${wb.baseUrl}/email/${id}`);
  await view.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete e-mail' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Delete e-mail' }).click();
  await page.waitForURL(/\/email$/);
  await waitForCount(rows, 3);
  assert.equal(await page.locator(`tr[data-email-id="${id}"]`).count(), 0, 'the deleted mail left the list');
  assert.equal((await page.request.get(`${wb.baseUrl}/api/emails/${id}`)).status(), 404);
});
