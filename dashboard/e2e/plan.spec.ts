import { expect, test } from '@playwright/test';
import { createKey, goTo, keyRow, newUser, orgId, setPlan, signIn } from './helpers';

const REASON = 'IP allowlists are available on the Growth and Enterprise plans; this organization is on the free plan.';

test('the free plan sees the IP allowlist refused with its reason; on growth it can be set and edited; a downgrade keeps it, frozen, and it can still be cleared', async ({ page }) => {
  await signIn(page, newUser('plan'));
  await expect(page.getByTestId('plan')).toHaveText('free');
  await goTo(page, 'API keys');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('allowlist-refusal')).toContainText(REASON);
  await expect(page.getByLabel('IP allowlist (optional)')).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel' }).click();

  const name = 'office only';
  await createKey(page, { name, scopes: ['agents:read'] });
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  await keyRow(page, name).getByRole('button', { name: 'IP allowlist' }).click();
  await expect(page.getByTestId('allowlist-refusal')).toContainText(REASON);

  // The new plan reaches the access token at its next refresh: a reload is one.
  setPlan(await orgId(page), 'growth');
  await page.reload();
  await expect(page.getByTestId('plan')).toHaveText('growth');
  const key = await createKey(page, { name: 'allowlisted', scopes: ['agents:read'], allowlist: '203.0.113.0/24' });
  expect(key).toMatch(/^awx_sandbox_/);
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  await expect(keyRow(page, 'allowlisted')).toContainText('allowlist: 203.0.113.0/24');

  await keyRow(page, name).getByRole('button', { name: 'IP allowlist' }).click();
  await page.getByLabel(`IP allowlist of ${name}`).fill('198.51.100.0/24');
  await page.getByRole('button', { name: 'Save allowlist' }).click();
  await expect(keyRow(page, name)).toContainText('allowlist: 198.51.100.0/24');

  // A downgrade keeps the allowlist in force (dropping it would open the key to every address)
  // and says so; apikey-service hears of it from auth-service through Kafka, hence the retries.
  setPlan(await orgId(page), 'free');
  await expect(async () => {
    await page.reload();
    await goTo(page, 'API keys');
    await expect(keyRow(page, 'allowlisted').getByTestId('allowlist-frozen'))
      .toContainText('no longer includes IP allowlists', { timeout: 1000 });
  }).toPass({ timeout: 15000 });
  await expect(keyRow(page, 'allowlisted')).toContainText('allowlist: 203.0.113.0/24');

  // Frozen, it can still be cleared (the addresses that needed it changed), and nothing else.
  await keyRow(page, 'allowlisted').getByRole('button', { name: 'IP allowlist' }).click();
  await expect(page.getByTestId('allowlist-refusal')).toContainText(REASON);
  await expect(page.getByLabel('IP allowlist of allowlisted')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear allowlist' }).click();
  await expect(keyRow(page, 'allowlisted')).not.toContainText('allowlist: 203.0.113.0/24');
  await expect(keyRow(page, 'allowlisted').getByTestId('allowlist-frozen')).toHaveCount(0);
});
