// The EventID 83 walkthrough through the web UI, as an analyst does it: log in, Main Channel, take ownership, create case,
// the Proxy playbook (Next, Next, Non-malicious, artifacts, note), close as False Positive, and the ✓ in Closed Alerts.
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

test('EventID 83 end to end in the browser: scored False Positive (+5 Point) with ✓', async () => {
  const page = await wb.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));

  await logIn(page, wb.baseUrl, '/monitoring');
  const row83 = page.locator('tr[data-eventid="83"]');
  await row83.waitFor();
  assert.match(await row83.innerText(), /SOC119 - Proxy - Malicious Executable File Detected/);
  assert.match(await row83.innerText(), /Mar 21, 2021, 01:02 PM/);

  // expanding the row shows the alert's fields as label : value lines
  await row83.click();
  const details = page.getByTestId('alert-details-83');
  await details.waitFor();
  const detailText = await details.innerText();
  for (const expected of ['Source Hostname', 'SusieHost', 'Destination Address', '51.195.68.163', 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit']) {
    assert.ok(detailText.includes(expected), `alert details show ${expected}`);
  }
  await saveScreenshot(page, 'monitoring');

  await row83.getByRole('button', { name: 'Take Ownership' }).click();
  await row83.waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: /INVESTIGATION CHANNEL/ }).click();
  const owned = page.locator('tr[data-eventid="83"]');
  await owned.waitFor();
  assert.match(await owned.innerText(), /analyst\.susie/);

  await owned.getByRole('button', { name: 'Create Case' }).click();
  await page.waitForURL(/\/cases\/\d+$/);
  await page.getByTestId('incident-name').waitFor();
  assert.equal(await page.getByTestId('incident-name').innerText(), 'EventID: 83 - [SOC119 - Proxy - Malicious Executable File Detected]');
  assert.match(await page.getByTestId('incident-details').innerText(), /Incident Type\s*:\s*Proxy/);
  await saveScreenshot(page, 'case');

  await page.getByRole('button', { name: 'Start Playbook' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('step-collection-data').waitFor();
  await saveScreenshot(page, 'playbook-step');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByTestId('step-search-log').waitFor();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByTestId('step-analyze-url-address').waitFor();
  assert.ok(await dialog.getByRole('link', { name: /VirusTotal/ }).isVisible(), 'third-party lookup links');
  assert.ok(await dialog.getByRole('link', { name: 'Watchfloor lookup' }).isVisible(), 'Watchfloor lookup link');
  await dialog.getByRole('button', { name: 'Non-malicious', exact: true }).click();

  await dialog.getByTestId('step-add-artifacts').waitFor();
  // an empty row is refused here, a malformed value by the server
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByText('Every row needs a value and a type.').waitFor();
  await fillArtifact(page, 1, '999.1.1.1', 'IP Address', 'bad on purpose');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByTestId('step-error').waitFor();
  await fillArtifact(page, 1, '172.16.17.5', 'IP Address', 'SusieHost');
  await dialog.getByRole('button', { name: 'Add artifact' }).click();
  await fillArtifact(page, 2, '51.195.68.163', 'IP Address', 'win-rar.com');
  await dialog.getByRole('button', { name: 'Add artifact' }).click();
  await fillArtifact(page, 3, 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit', 'URL Address', 'download page');
  await saveScreenshot(page, 'playbook-artifacts');
  await dialog.getByRole('button', { name: 'Next' }).click();

  await dialog.getByTestId('step-analyst-note').waitFor();
  assert.equal(await dialog.getByTestId('note-counter').innerText(), '0/3000');
  const note = 'Genuine WinRAR installer from win-rar.com; 1/90 on VirusTotal is noise. False positive.';
  await dialog.getByLabel('Analyst Note').fill(note);
  assert.equal(await dialog.getByTestId('note-counter').innerText(), `${note.length}/3000`);
  await dialog.getByRole('button', { name: 'Finish' }).click();

  // finishing the playbook opens Close Alert with the Event ID prefilled
  const close = page.getByRole('dialog', { name: 'Close Alert' });
  await close.waitFor();
  assert.equal(await close.getByLabel('Event ID').inputValue(), '83');
  await close.getByLabel('False Positive').check();
  await close.getByLabel('Note').fill('Legitimate WinRAR download by Susie.');
  await close.getByRole('button', { name: 'Close Alert' }).click();
  await close.getByTestId('score-lines').waitFor();
  assert.match(await close.getByTestId('score-lines').innerText(), /False Positive \(\+5 Point\)/);
  await close.getByRole('button', { name: 'Done' }).click();

  await page.goto(`${wb.baseUrl}/monitoring?tab=closed`);
  const closedRow = page.locator('tr[data-eventid="83"]');
  await closedRow.waitFor();
  assert.equal(await closedRow.getByTestId('result-mark').innerText(), '✓');
  await closedRow.click();
  const score = page.getByTestId('score-lines');
  await score.waitFor();
  const scoreText = await score.innerText();
  assert.match(scoreText, /False Positive \(\+5 Point\)/);
  assert.match(scoreText, /Analyze URL Address \(\+5 Point\)/);
  await saveScreenshot(page, 'closed-alerts');
  assert.deepEqual(pageErrors, []);
});

async function fillArtifact(page: import('playwright-core').Page, row: number, value: string, type: string, comment: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(`Artifact ${row} value`).fill(value);
  await dialog.getByLabel(`Artifact ${row} comment`).fill(comment);
  await dialog.getByRole('textbox', { name: `Artifact ${row} type` }).click();
  await page.getByRole('option', { name: type, exact: true }).click();
}
