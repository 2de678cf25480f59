import { expect, test } from '@playwright/test';
import { goTo, newUser, signIn } from './helpers';

test('offline is shown as such, and the page recovers by itself when the connection is back', async ({ page, context }) => {
  await signIn(page, newUser('offline'));
  await context.setOffline(true);
  await goTo(page, 'Audit log');
  await expect(page.getByText('You are offline.')).toBeVisible();
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('No connection');
  await expect(notice).toContainText('cannot be reached');
  await expect(notice.getByRole('button', { name: 'Try again' })).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByText('You are offline.')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Audit events, newest first' })).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('export downloads the audit log with the filters applied', async ({ page }) => {
  await signIn(page, newUser('export'));
  await goTo(page, 'Audit log');
  const exported = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit-logs/export');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export (download)' }).click();
  const response = await exported;
  expect(response.status()).toBe(200);
  expect(new URL(response.url()).searchParams.get('format')).toBe('ndjson');
  expect((await download).suggestedFilename()).toBe('audit-log.ndjson');
  await expect(page.getByText('Export is not available on this server.')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
