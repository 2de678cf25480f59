import { expect, test } from '@playwright/test';
import { createKey, keyRow, newUser, shownKey, signIn } from './helpers';

test.setTimeout(180_000);

test('a key\'s usage shows its calls per day and, after a rotation, the addresses still sending the old key', async ({ page, request }) => {
  await signIn(page, newUser('usage'));
  const name = `used-${Date.now()}`;
  const key = await createKey(page, { name, scopes: ['audit:read'] });
  await page.getByRole('button', { name: 'I have stored the key' }).click();

  await keyRow(page, name).getByRole('button', { name: 'Usage' }).click();
  await expect(page.getByTestId('no-usage')).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();

  await keyRow(page, name).getByRole('button', { name: 'Rotate' }).click();
  await page.getByLabel('1 hour').check();
  await page.getByRole('button', { name: 'Rotate key' }).click();
  await shownKey(page);
  await page.getByRole('button', { name: 'I have stored the key' }).click();

  // the old key is still sent by a deployment nobody updated
  for (let i = 0; i < 3; i++) {
    expect((await request.get('/api/v1/audit-logs?limit=1', { headers: { 'X-API-Key': key } })).status()).toBe(200);
  }
  await keyRow(page, name, 'rotating').getByRole('button', { name: 'Usage' }).click();
  const usage = page.getByRole('group', { name: `Usage of ${name}` });
  await expect(usage.getByRole('heading', { name: /Still sending this old key/ })).toBeVisible();
  await expect(async () => {
    await usage.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(usage.getByRole('table', { name: `Client addresses of ${name}` }).getByRole('row')).toHaveCount(2, { timeout: 1_000 });
    await expect(usage.getByRole('table', { name: `Calls per day of ${name}` })).toContainText('3', { timeout: 1_000 });
  }).toPass({ timeout: 120_000 }); // a minute for services' reports and apikey-service's usage interval
  // the list shows where the key was last used from, once it is fetched again
  await page.reload();
  await expect(keyRow(page, name, 'rotating')).toContainText(/from \d/);
});
