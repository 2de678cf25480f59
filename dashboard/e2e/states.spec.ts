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

test('export downloads the log, or says plainly that this server has no export', async ({ page }) => {
  await signIn(page, newUser('export'));
  await goTo(page, 'Audit log');
  const download = page.waitForEvent('download').then(() => 'downloaded');
  const missing = page.getByText('Export is not available on this server.').waitFor().then(() => 'not available');
  await page.getByRole('button', { name: 'Export (download)' }).click();
  expect(['downloaded', 'not available']).toContain(await Promise.race([download, missing]));
  await expect(page.getByRole('alert')).toHaveCount(0);
});
