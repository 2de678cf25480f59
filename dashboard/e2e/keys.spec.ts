import { expect, test, type APIRequestContext } from '@playwright/test';
import { createKey, goTo, keyRow, newUser, shownKey, signIn } from './helpers';

async function auditStatus(request: APIRequestContext, key: string): Promise<number> {
  return (await request.get('/api/v1/audit-logs?limit=1', { headers: { 'X-API-Key': key } })).status();
}

test('a sandbox key is shown once and works; after rotation the old key works in its grace; revoked keys are refused; the audit log shows it all', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, newUser('keys'));
  const name = `ci-${Date.now()}`;
  const key = await createKey(page, { name, scopes: ['audit:read'] });
  expect(key).toMatch(/^awx_sandbox_/);
  await expect(page.getByTestId('new-key-env')).toHaveText(`AGENTWALLEX_API_KEY=${key}`);
  await expect(page.getByText('It will not be shown again.')).toBeVisible();
  await page.getByRole('button', { name: 'Copy AGENTWALLEX_API_KEY line' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`AGENTWALLEX_API_KEY=${key}`);
  await page.getByRole('button', { name: 'Copy key', exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  expect(await auditStatus(request, key)).toBe(200);

  // Once: gone when dismissed, and not in the list or after a reload.
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  await expect(keyRow(page, name)).toHaveCount(1);
  await expect(keyRow(page, name)).toContainText('sandbox');
  await expect(keyRow(page, name)).toContainText('due in 90 days');
  await expect(page.getByText(key)).toHaveCount(0);
  await page.reload();
  await expect(keyRow(page, name)).toHaveCount(1);
  expect(await page.content()).not.toContain(key);

  // Rotate with an hour of grace: both keys work.
  await keyRow(page, name).getByRole('button', { name: 'Rotate' }).click();
  await page.getByLabel('1 hour').check();
  await page.getByRole('button', { name: 'Rotate key' }).click();
  const successor = await shownKey(page);
  expect(successor).not.toBe(key);
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  await expect(keyRow(page, name, 'rotating')).toContainText('old key ends');
  expect(await auditStatus(request, key)).toBe(200);
  expect(await auditStatus(request, successor)).toBe(200);

  // Revoke both, each after a confirmation: refused everywhere within seconds.
  for (const [done, status] of ['active', 'rotating'].entries()) {
    await keyRow(page, name, status).getByRole('button', { name: 'Revoke' }).click();
    await keyRow(page, name, status).getByRole('button', { name: 'Yes, revoke this key' }).click();
    await expect(keyRow(page, name, 'revoked')).toHaveCount(done + 1);
  }
  await expect.poll(() => auditStatus(request, successor), { timeout: 15_000 }).toBe(401);
  await expect.poll(() => auditStatus(request, key), { timeout: 15_000 }).toBe(401);

  // The audit log page shows the key's life, event detail included.
  await goTo(page, 'Audit log');
  const table = page.getByRole('table', { name: 'Audit events, newest first' });
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    for (const type of ['api_key.created', 'api_key.rotated', 'api_key.revoked']) {
      await expect(table.getByText(type, { exact: true }).first()).toBeVisible({ timeout: 1_000 });
    }
  }).toPass({ timeout: 30_000 });
  await page.getByLabel('Event type').selectOption('api_key.rotated');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(table.getByRole('rowheader')).toHaveText(['api_key.rotated']);
  await table.getByRole('button', { name: 'Details' }).click();
  await expect(table.locator('pre')).toContainText('"type": "api_key.rotated"');
  expect(await page.content()).not.toContain(key);
});

test('a key name is rendered as text, never as markup', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(page, newUser('xss'));
  const name = '<img src=x onerror=alert(1)>';
  await createKey(page, { name, scopes: ['agents:read'] });
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  await expect(keyRow(page, name)).toHaveCount(1);
  await expect(page.locator('img')).toHaveCount(0);
  await goTo(page, 'Overview');
  await expect(page.getByText(name)).toBeVisible();
  await expect(page.locator('img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a key without a scope is not sent, and the form says why', async ({ page }) => {
  await signIn(page, newUser('noscope'));
  await goTo(page, 'API keys');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByLabel('Name').fill('no scopes');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('Choose at least one scope.')).toBeVisible();
  await expect(page.getByText('No API keys yet.')).toBeVisible();
});
