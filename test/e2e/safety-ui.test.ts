// Safety in the browser: a failed login says so; alert data with HTML shows as text (no script runs, no element is made);
// an expired session goes to the login page and back to the same place; an unreachable API shows an error state.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { authDb } from '../../src/auth/auth-tables.ts';
import { ANALYST, logIn, saveScreenshot, startWorkbench, type Workbench } from './helpers/workbench.ts';

let wb: Workbench;
before(async () => {
  wb = await startWorkbench();
});
after(async () => {
  await wb?.close();
});

test('a failed login shows an error and stays on the login page', async () => {
  const page = await wb.newPage({ colorScheme: 'light' });
  await page.goto(`${wb.baseUrl}/`);
  await page.waitForURL(/\/login/);
  await saveScreenshot(page, 'login');
  await page.getByLabel('User name').fill(ANALYST.name);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  const error = page.getByTestId('login-error');
  await error.waitFor();
  assert.equal(await error.innerText(), 'Wrong user name or password.');
  assert.match(page.url(), /\/login/);
});

const PAYLOAD = `<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2" data-xss="1">`;

test('alert fields and rule names holding HTML are displayed as text', async () => {
  const { created } = await wb.store.writeAlerts([
    {
      ruleKey: 'e2e-html',
      ruleCode: 'SOC999',
      ruleName: `HTML <b data-xss="1">bold</b> rule`,
      type: 'Proxy',
      family: 'proxy',
      playbook: 'proxy',
      severity: 'Critical',
      tier: 'Security Analyst',
      eventTime: Date.parse('2021-03-22T10:00:00Z'),
      fields: [
        ['EventID', 'x'],
        ['Request URL', PAYLOAD],
        ['User Agent', '<iframe src="javascript:alert(1)"></iframe>'],
      ],
      mitre: [],
      hint: '<a href="javascript:alert(1)" data-xss="1">click</a>',
      trigger: 'e2e',
      suppressKey: null,
      suppressWindowMs: null,
      eventIds: [],
    },
  ]);
  const eventId = created[0]!;
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, `/monitoring?text=${encodeURIComponent('data-xss')}`);
  const row = page.locator(`tr[data-eventid="${eventId}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /HTML <b data-xss="1">bold<\/b> rule/);
  await row.click();
  const details = page.getByTestId(`alert-details-${eventId}`);
  await details.waitFor();
  const text = await details.innerText();
  assert.ok(text.includes(PAYLOAD), 'the payload is shown verbatim');
  assert.ok(text.includes('<iframe src="javascript:alert(1)"></iframe>'));
  await page.goto(`${wb.baseUrl}/alerts/${eventId}`);
  await page.getByText(PAYLOAD).first().waitFor();
  assert.equal(await page.locator('[data-xss]').count(), 0, 'no element was made from the data');
  assert.equal(await page.locator('iframe').count(), 0);
  assert.equal(await page.evaluate('window.__xss'), undefined, 'no script ran');
});

test('an expired session sends the analyst to the login page and back to the same place', async () => {
  const page = await wb.newPage();
  const target = `/logs?mode=query&q=${encodeURIComponent('user.name:Susie')}`;
  await logIn(page, wb.baseUrl, target);
  await page.getByTestId('event-count').filter({ hasText: /events$/ }).waitFor();
  await authDb(wb.store).deleteFrom('sessions').execute();
  // the next call (here: Monitoring's polling) answers 401
  await page.getByRole('navigation').getByRole('link', { name: 'Monitoring' }).click();
  await page.waitForURL(/\/login\?next=/);
  assert.equal(new URL(page.url()).searchParams.get('next'), '/monitoring');
  await page.getByLabel('User name').fill(ANALYST.name);
  await page.getByLabel('Password').fill(ANALYST.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/monitoring$/);
  await page.locator('tr[data-eventid="83"]').waitFor();

  // a deep link opened without a session keeps its place too
  await authDb(wb.store).deleteFrom('sessions').execute();
  await page.goto(`${wb.baseUrl}${target}`);
  await page.waitForURL(/\/login\?next=/);
  assert.equal(new URL(page.url()).searchParams.get('next'), target);
  await page.getByLabel('User name').fill(ANALYST.name);
  await page.getByLabel('Password').fill(ANALYST.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === target);
});

test('a dead API shows an error state, not a blank page', async () => {
  const page = await wb.newPage();
  await logIn(page, wb.baseUrl, '/monitoring');
  await page.locator('tr[data-eventid="83"]').waitFor();
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.reload();
  const alert = page.getByRole('alert');
  await alert.first().waitFor();
  assert.match(await alert.first().innerText(), /cannot be reached/);
  assert.ok(await page.getByRole('button', { name: 'Try again' }).isVisible());
});
