import { expect, test, type Browser } from '@playwright/test';
import { goTo, newUser, signIn } from './helpers';

/** One user signed in twice, in two browser contexts that share nothing (two sessions). */
async function signedInTwice(browser: Browser, label: string) {
  const email = newUser(label);
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [a, b] = [await contexts[0].newPage(), await contexts[1].newPage()];
  await signIn(a, email);
  await signIn(b, email);
  return { a, b, close: () => Promise.all(contexts.map((c) => c.close())) };
}

test('sign out everywhere ends the session of a second browser too', async ({ browser }) => {
  const { a, b, close } = await signedInTwice(browser, 'everywhere');

  await goTo(a, 'Sessions');
  const sessions = a.getByRole('table', { name: 'Your active sessions' });
  await expect(sessions.getByRole('row')).toHaveCount(3); // header + two sessions
  await expect(sessions.getByText('this browser')).toHaveCount(1);
  await expect(sessions).toContainText('Chrome on Linux');
  await a.getByRole('button', { name: 'Sign out everywhere' }).click();
  await a.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(a.getByText('Your session has ended.')).toBeVisible();

  // The other browser finds out at its next call: a 401, a refused refresh, the sign-in page.
  await goTo(b, 'Sessions');
  await expect(b.getByRole('button', { name: 'Sign in with Google' })).toBeVisible();
  await expect(b.getByText('Your session has ended.')).toBeVisible();
  expect(await b.evaluate(() => sessionStorage.length)).toBe(0);
  await close();
});

test('ending another session leaves this one signed in', async ({ browser }) => {
  const { a, b, close } = await signedInTwice(browser, 'endone');

  await goTo(a, 'Sessions');
  // The button names the session it ends ("End session for Chrome on Linux at …"); the current one's reads "End (signs you out)".
  await a.getByRole('button', { name: /^End session for / }).click();
  await expect(a.getByRole('table', { name: 'Your active sessions' }).getByRole('row')).toHaveCount(2);
  await expect(a.getByText('this browser')).toBeVisible();

  await b.reload();
  await expect(b.getByText('Your session has ended.')).toBeVisible();
  await close();
});
