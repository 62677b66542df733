// The other pages in the browser: Monitoring's keyboard (j/k, t, ? help), an alert's deep link, Case Management,
// Threat Intel lookups, the file Sandbox, and the light theme; each page is saved to docs/screenshots.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { logIn, saveScreenshot, startWorkbench, type Workbench } from './helpers/workbench.ts';

let wb: Workbench;
before(async () => {
  wb = await startWorkbench();
});
after(async () => {
  await wb?.close();
});

test('Monitoring by keyboard: j/k move the selection, t takes ownership, ? shows the shortcuts', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/monitoring');
  const selected = page.locator('tr[aria-selected="true"]');
  await selected.waitFor();
  assert.equal(await selected.getAttribute('data-eventid'), '84', 'the newest alert is selected first');
  await page.keyboard.press('j');
  await page.locator('tr[aria-selected="true"][data-eventid="83"]').waitFor();
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.locator('tr[aria-selected="true"][data-eventid="83"]').waitFor();
  await page.keyboard.press('o');
  await page.getByTestId('alert-details-83').waitFor();
  await page.keyboard.press('Shift+?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await saveScreenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await page.keyboard.press('t');
  await page.locator('tr[data-eventid="83"]').waitFor({ state: 'detached' });
  await page.keyboard.press('2');
  await page.locator('tr[data-eventid="83"]').waitFor();
  assert.match(page.url(), /tab=investigation/);
});

test('an alert deep link, Case Management and the light theme', async () => {
  const page = await wb.newPage({ colorScheme: 'light' });
  await logIn(page, wb.baseUrl, '/alerts/84');
  await page.getByRole('heading', { name: 'EventID: 84 - SOC104 - Malware Detected' }).waitFor();
  assert.match(await page.getByTestId('field-lines').first().innerText(), /File Hash\s*:\s*c74862e16bcc2b0e02cadb7ab14e3cd6/);
  await saveScreenshot(page, 'alert');
  await page.getByRole('button', { name: 'Take Ownership' }).click();
  await page.getByRole('button', { name: 'Create Case' }).click();
  await page.waitForURL(/\/cases\/\d+$/);
  await page.getByRole('button', { name: 'Start Playbook' }).click();
  await page.getByRole('dialog').getByTestId('step-define-threat-indicator').waitFor();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Answer' }).click();
  await page.getByRole('option', { name: 'Other' }).click();
  await saveScreenshot(page, 'playbook-select');
  await page.keyboard.press('Escape');
  await page.getByRole('navigation').getByRole('link', { name: 'Case Management' }).click();
  await page.waitForURL(/\/cases$/);
  await page.getByRole('cell', { name: 'EventID: 84 - [SOC104 - Malware Detected]' }).waitFor();
  await saveScreenshot(page, 'cases');
  await page.getByRole('navigation').getByRole('link', { name: 'Monitoring' }).click();
  await page.locator('tr[data-eventid="79"]').waitFor();
  await saveScreenshot(page, 'monitoring-light');
});

test('Threat Intel: counters, and a lookup with a verdict per source', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/intel?lookup=51.195.68.163');
  await page.getByTestId('intel-count-ip').waitFor();
  await page.getByRole('button', { name: 'Look up' }).click();
  const results = page.getByTestId('lookup-results');
  await results.waitFor();
  assert.match(await results.innerText(), /Local indicators/);
  await saveScreenshot(page, 'intel');
});

test('Sandbox: a file is analysed statically and its hashes shown', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/sandbox');
  const content = Buffer.from('#!/bin/sh\necho "not executed"\n');
  await page.locator('input[type="file"]').setInputFiles({ name: 'sample.sh', mimeType: 'application/octet-stream', buffer: content });
  await page.getByRole('button', { name: 'Analyse file' }).click();
  const report = page.getByTestId('file-report');
  await report.waitFor();
  const text = await report.innerText();
  assert.ok(text.includes(createHash('sha256').update(content).digest('hex')), 'the SHA256 of the upload');
  assert.match(text, /sample\.sh/);
  await saveScreenshot(page, 'sandbox');
});
