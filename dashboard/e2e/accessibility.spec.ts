import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { createKey, goTo, newUser, signIn } from './helpers';

// Each run photographs into test-results/ (ignored by git); AWX_UPDATE_SCREENSHOTS=1 refreshes the copies the
// READMEs show, so an ordinary test run leaves the working tree as it found it.
const SCREENSHOTS = fileURLToPath(new URL(process.env.AWX_UPDATE_SCREENSHOTS === '1' ? '../screenshots/'
  : '../test-results/screenshots/', import.meta.url));

/** axe-core on the page as it stands; serious and critical findings fail, with their rule ids. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `${what}: serious or critical accessibility issues`).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true, mask: [page.getByTestId('new-key'), page.getByTestId('new-key-env')] });
}

test('every page has no serious or critical accessibility issue (axe-core), and each is photographed for the README', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in with Google' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await screenshot(page, 'sign-in');

  await signIn(page, newUser('a11y'));
  await createKey(page, { name: 'payments worker', scopes: ['agents:read', 'payments:write'] });
  await expectAccessible(page, 'new key shown once');
  await screenshot(page, 'new-key');
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  await page.getByRole('button', { name: 'Create key' }).click();
  await expectAccessible(page, 'API keys with the create form');
  await screenshot(page, 'api-keys');

  await goTo(page, 'Overview');
  await expect(page.getByText('payments worker')).toBeVisible();
  await expectAccessible(page, 'overview');
  await screenshot(page, 'overview');

  await goTo(page, 'Sessions');
  await expect(page.getByText('this browser')).toBeVisible();
  await expectAccessible(page, 'sessions');
  await screenshot(page, 'sessions');

  await goTo(page, 'Audit log');
  const table = page.getByRole('table', { name: 'Audit events, newest first' });
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(table.getByText('api_key.created', { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await table.getByRole('button', { name: 'Details' }).first().click();
  await expectAccessible(page, 'audit log with an event open');
  await screenshot(page, 'audit-log');
});
