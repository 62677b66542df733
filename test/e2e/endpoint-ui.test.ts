// Endpoint Security in the browser: the host list and search, Host Information, the process tree, and the containment
// switch — refused (409, shown) for SusieHost whose agent is down, on and off for EmilyPC (phishing-dhl-xlsm) whose agent runs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadScenario } from '../../src/scenarios/scenarios.ts';
import { workflowDb } from '../../src/soc/workflow-tables.ts';
import { logIn, saveScreenshot, startWorkbench, waitForCount, type Workbench } from './helpers/workbench.ts';

let wb: Workbench;
before(async () => {
  wb = await startWorkbench();
  await loadScenario(wb.store, 'phishing-dhl-xlsm');
});
after(async () => {
  await wb?.close();
});

const contained = async (hostname: string): Promise<number | undefined> =>
  (await workflowDb(wb.store).selectFrom('hosts').select('contained').where('hostname', '=', hostname).executeTakeFirst())?.contained;

test('Agent Down: the containment switch shows the server refusal and stays off', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/endpoints/SusieHost');
  await page.getByRole('heading', { name: 'SusieHost' }).waitFor();
  assert.equal(await page.getByTestId('host-panel-state').textContent(), 'Agent Down');
  await page.getByTestId('agent-notice').waitFor();
  const info = await page.getByTestId('host-info').innerText();
  for (const label of ['Hostname', 'Domain', 'IP Address', 'Bit Level', 'OS', 'Primary User', 'Client/Server', 'Last Login']) assert.ok(info.includes(label), label);
  assert.match(info, /172\.16\.17\.5/);
  assert.match(info, /Susie2020/);
  const toggle = page.getByRole('switch', { name: 'Host Contained' });
  await toggle.click({ force: true });
  const refusal = page.getByTestId('containment-error');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Agent Down — the host cannot be contained/);
  assert.equal(await toggle.isChecked(), false);
  assert.equal(await contained('SusieHost'), 0);
  await saveScreenshot(page, 'endpoint-agent-down');

  await page.goto(`${wb.baseUrl}/endpoints/EricComputer`);
  await page.getByRole('heading', { name: 'EricComputer' }).waitFor();
  assert.equal(await page.getByTestId('host-panel-state').textContent(), 'No Agent Installed');
});

test('a running agent: contain EmilyPC, release it; the process tree expands to image path, hash and children', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/endpoints');
  await page.getByLabel('Search hosts').fill('4f1196a62672e38b1a6b53bbea7cca2d');
  await page.getByLabel('Search hosts').press('Enter');
  const rows = page.getByTestId('host-list').locator('[data-hostname]');
  await page.waitForURL(/q=4f1196a6/);
  await waitForCount(rows, 1);
  assert.equal(await rows.first().getAttribute('data-hostname'), 'EmilyPC', 'a hash finds the host that ran it');
  await rows.first().click();
  await page.waitForURL(/\/endpoints\/EmilyPC\?q=/);
  await page.getByRole('heading', { name: 'EmilyPC' }).waitFor();

  const toggle = page.getByRole('switch', { name: 'Host Contained' });
  await toggle.click({ force: true });
  await page.getByTestId('host-panel-state').filter({ hasText: 'Host Contained' }).waitFor();
  assert.equal(await toggle.isChecked(), true);
  assert.equal(await contained('EmilyPC'), 1);

  await page.locator('tr[data-pid="5236"]').click();
  await page.locator('tr[data-pid="7712"]').click();
  await page.locator('tr[data-pid="8040"]').click();
  await page.locator('tr[data-pid="8196"]').click();
  const details = await page.getByTestId('process-details-8196').innerText();
  assert.match(details, /Image Hash\s*:\s*4f1196a62672e38b1a6b53bbea7cca2d/);
  assert.match(details, /Image Path\s*:\s*C:\\Users\\emily\.clark\\AppData\\Local\\Temp\\update\.exe/);
  await page.evaluate('window.scrollTo(0, 0)');
  await saveScreenshot(page, 'endpoint');

  await page.getByRole('tab', { name: /Network Action/ }).click();
  assert.equal(await page.getByTestId('network-table').locator('tbody tr').count(), 4);
  await page.getByRole('tab', { name: /Terminal History/ }).click();
  assert.match(await page.getByTestId('terminal-table').innerText(), /iwr http:\/\/officeupdate-cdn\.com/);
  await page.getByRole('tab', { name: /Browser History/ }).click();
  assert.match(await page.getByTestId('browser-table').innerText(), /linkedin\.com/);

  await toggle.click({ force: true });
  await page.getByTestId('host-panel-state').filter({ hasText: 'Online' }).waitFor();
  assert.equal(await toggle.isChecked(), false);
  assert.equal(await contained('EmilyPC'), 0);
});
