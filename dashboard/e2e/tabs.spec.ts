import { expect, test } from '@playwright/test';
import { goTo, newUser, signIn } from './helpers';

test('a tab opened from a signed-in tab never spends its copy of the refresh token: the first tab stays signed in', async ({ page, context }) => {
  // Installed before the first page loads, for both tabs (the clock is the context's); time flows as usual until fast-forwarded.
  await page.clock.install();
  const email = newUser('tabs');
  await signIn(page, email);

  const refreshes: ('first' | 'copy')[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/auth/refresh') refreshes.push(request.frame().page() === page ? 'first' : 'copy');
  });

  // window.open copies this tab's sessionStorage into the new one, as "Duplicate tab" does.
  const [copy] = await Promise.all([context.waitForEvent('page'), page.evaluate(() => void window.open('/'))]);
  await expect(copy.getByTestId('duplicate-tab')).toBeVisible();
  await expect(copy.getByRole('button', { name: 'Sign in with Google' })).toBeVisible();
  expect(await copy.evaluate(() => sessionStorage.length)).toBe(0);

  // Fifteen minutes later the first tab's access token is due: its refresh token was never spent elsewhere, so the refresh goes through.
  const refreshed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/refresh');
  await page.clock.fastForward('15:00');
  expect((await refreshed).status()).toBe(200);
  await goTo(page, 'Sessions');
  await expect(page.getByRole('table', { name: 'Your active sessions' }).getByText('this browser')).toBeVisible();
  await expect(page.getByRole('banner').getByText(email)).toBeVisible();
  await expect(page.getByText('Your session has ended.')).toHaveCount(0);
  expect(refreshes).toContain('first');
  expect(refreshes.filter((tab) => tab === 'copy')).toEqual([]);
});
