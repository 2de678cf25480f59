import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { createKey, goTo, keyRow, newUser, signIn } from './helpers';

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
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(table.getByText('api_key.created', { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await table.getByRole('button', { name: 'Details' }).first().click();
  await expectAccessible(page, 'audit log with an event open');
  await screenshot(page, 'audit-log');
});

test('focus moves on to where the work continues, never to the page body, and every page has its own title', async ({ page }) => {
  await signIn(page, newUser('focus'));
  await expect(page).toHaveTitle('Overview — AgentWallex');

  // A route change takes focus to the new page's heading, which names it.
  await goTo(page, 'API keys');
  await expect(page).toHaveTitle('API keys — AgentWallex');
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeFocused();

  // "Create key" hides itself: the form's first field takes focus; Cancel gives it back.
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByLabel('Name')).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Create key' })).toBeFocused();

  // The new key's panel, then the key's row once it is stored.
  const name = 'focus worker';
  await createKey(page, { name, scopes: ['agents:read'] });
  await expect(page.getByRole('heading', { name: /Copy your new key/ })).toBeFocused();
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  await expect(keyRow(page, name).getByRole('rowheader')).toBeFocused();

  // Row buttons name their key; Cancel returns to the button, a confirmed revoke to the key's row.
  const revoke = keyRow(page, name).getByRole('button', { name: `Revoke ${name}`, exact: true });
  await revoke.click();
  await keyRow(page, name).getByRole('button', { name: 'Cancel' }).click();
  await expect(revoke).toBeFocused();
  await revoke.click();
  await keyRow(page, name).getByRole('button', { name: 'Yes, revoke this key' }).click();
  await expect(keyRow(page, name, 'revoked').getByRole('rowheader')).toBeFocused();

  // The question replaces "Sign out everywhere": focus goes to its safe answer, and back.
  await goTo(page, 'Sessions');
  await expect(page).toHaveTitle('Sessions — AgentWallex');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Sign out everywhere' })).toBeFocused();

  await goTo(page, 'Audit log');
  await expect(page).toHaveTitle('Audit log — AgentWallex');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeFocused();

  // Signing out shows the sign-in page, its heading focused.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveTitle('Sign in — AgentWallex');
  await expect(page.getByRole('heading', { name: 'AgentWallex dashboard', level: 1 })).toBeFocused();
});
