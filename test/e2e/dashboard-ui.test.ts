// Dashboard and Settings in the browser: MTTA/MTTR appear once an alert is owned and closed, with its rule's outcome and
// the analyst's score; a lead loads a scenario; an admin adds a user, changes its role, resets its password and disables
// it; a token is shown once, then revoked; a user changes their own password.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createUser } from '../../src/auth/users.ts';
import { logIn, saveScreenshot, startWorkbench, waitForTextChange, type Workbench } from './helpers/workbench.ts';

const LEAD = { name: 'lead.lena', password: 'Lena-e2e-Passw0rd-long' };
const ADMIN = { name: 'admin.ada', password: 'Ada-e2e-Passw0rd-long!' };

/** Whether the workbench accepts this name and password (a login over the API, as a script would). */
async function canLogIn(name: string, password: string): Promise<boolean> {
  const response = await fetch(`${wb.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  return response.ok;
}

let wb: Workbench;
before(async () => {
  wb = await startWorkbench();
  await createUser(wb.store, { name: LEAD.name, role: 'lead', password: LEAD.password }, { actor: 'e2e' });
  await createUser(wb.store, { name: ADMIN.name, role: 'admin', password: ADMIN.password }, { actor: 'e2e' });
});
after(async () => {
  await wb?.close();
});

test('the dashboard shows MTTA and MTTR after an alert is closed', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/dashboard');
  await page.getByTestId('alerts-chart').locator('canvas').waitFor();
  assert.equal(await page.getByTestId('mtta').innerText(), '—');
  assert.equal(await page.getByTestId('mttr').innerText(), '—');
  assert.equal(await page.getByTestId('scenario-list').getByRole('button', { name: 'Load' }).count(), 0, 'analysts do not load scenarios');

  await page.goto(`${wb.baseUrl}/alerts/83`);
  await page.getByRole('button', { name: 'Take Ownership' }).click();
  await page.getByRole('button', { name: 'Close Alert' }).click();
  const dialog = page.getByRole('dialog', { name: 'Close Alert' });
  await dialog.getByLabel('True Positive').check();
  await dialog.getByLabel('Note').fill('WinRAR from the official site: the download was legitimate? No — the C2 IP answered; true positive.');
  await dialog.getByRole('button', { name: 'Close Alert' }).click();
  await dialog.getByText('EventID 83 is closed.').waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await page.waitForURL(/\/dashboard$/);
  assert.match(await waitForTextChange(page.getByTestId('mttr'), '—'), /^\d+ (s|min|h|d)/);
  assert.match(await page.getByTestId('mtta').innerText(), /^\d+ (s|min|h|d)/);
  assert.match(await page.getByTestId('rule-outcomes').innerText(), /SOC119 - Proxy - Malicious Executable File Detected\s+1\s+0\s+100%/);
  assert.match(await page.getByTestId('analyst-scores').innerText(), /analyst\.susie/);
  await saveScreenshot(page, 'dashboard');
});

test('a lead loads a scenario from the dashboard', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/dashboard', LEAD);
  const row = page.getByTestId('scenario-list').locator('tr[data-scenario="web-sqli-search"]');
  await row.getByRole('button', { name: 'Load' }).click();
  await row.getByText('loaded', { exact: true }).waitFor();
  assert.equal(await row.getByRole('button', { name: 'Load' }).isDisabled(), true);
  assert.equal(await row.getByRole('button', { name: 'Reset' }).isEnabled(), true);
});

test('Settings: an admin adds a user, changes its role, resets its password and disables it; an API token is shown once and revoked; providers without keys', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/settings', ADMIN);
  await page.getByTestId('users-table').waitFor();
  await page.getByLabel('New user').fill('analyst.new');
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByText('Password of analyst.new (shown once)').waitFor();
  const row = page.locator('tr[data-user="analyst.new"]');

  await row.getByLabel('Role of analyst.new').click();
  await page.getByRole('option', { name: 'lead' }).click();
  await page.getByText('analyst.new is now a lead').waitFor();

  await row.getByRole('button', { name: 'Reset password' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  const generated = await dialog.getByTestId('reset-password').innerText();
  assert.ok(generated.length >= 12, 'a generated password is shown once');
  assert.equal(await canLogIn('analyst.new', generated), true, 'the reset password works');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });

  await row.getByRole('button', { name: 'Disable' }).click();
  await row.getByText('disabled', { exact: true }).waitFor();

  await page.getByLabel('New token').fill('e2e script');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByTestId('new-token');
  await secret.waitFor();
  assert.match(await secret.innerText(), /wf_/);
  const tokens = page.getByTestId('tokens-table');
  await tokens.getByText('e2e script').waitFor();
  assert.doesNotMatch(await tokens.innerText(), /wf_[A-Za-z0-9_-]{20,}/, 'the list never shows a secret');
  const providers = await page.getByTestId('providers-table').innerText();
  assert.match(providers, /configured/i);
  assert.doesNotMatch(providers, /api[_ -]?key\s*[:=]/i);
  await saveScreenshot(page, 'settings');
  await tokens.getByRole('button', { name: 'Revoke' }).click();
  await tokens.getByText('revoked', { exact: true }).waitFor();
});

test('Settings: a user changes their own password; the old one stops working', async () => {
  const user = { name: 'analyst.pat', password: 'Pat-e2e-Passw0rd-long!' };
  await createUser(wb.store, { name: user.name, role: 'analyst', password: user.password }, { actor: 'e2e' });
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/settings', user);
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel(/^New password\W*$/).fill('short');
  await page.getByText('at least 12 characters').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Change password' }).isDisabled(), true);
  const next = 'Pat-e2e-New-Passw0rd!';
  await page.getByLabel(/^New password\W*$/).fill(next);
  await page.getByLabel('New password again').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Password changed: your other sessions have ended').waitFor();
  assert.equal(await canLogIn(user.name, next), true);
  assert.equal(await canLogIn(user.name, user.password), false);

  await page.getByLabel('Current password').fill('not-the-password-at-all');
  await page.getByLabel(/^New password\W*$/).fill('Another-Passw0rd-long');
  await page.getByLabel('New password again').fill('Another-Passw0rd-long');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('alert').getByText('the current password is wrong').waitFor();
});
