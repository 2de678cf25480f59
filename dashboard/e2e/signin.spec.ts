import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { newUser, signIn } from './helpers';

test('sign-in binds the exchange code with PKCE S256 and the code has left the address bar before it is exchanged', async ({ page }) => {
  const redirects: URL[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/auth/google/redirect')) redirects.push(new URL(r.url()));
  });
  let exchange: { body: Record<string, string>; addressBar: string } | undefined;
  // Not a stand-in: the real exchange goes through once the page's state has been looked at.
  await page.route('**/api/v1/auth/exchange', async (route) => {
    exchange = { body: route.request().postDataJSON(), addressBar: await page.evaluate(() => location.href) };
    await route.continue();
  });
  await signIn(page, newUser('pkce'));

  // The browser passes /auth/google/redirect twice (out to the provider, back from it), same URL both times.
  expect(new Set(redirects.map(String)).size).toBe(1);
  const params = redirects[0].searchParams;
  expect(params.get('return_to')).toBe(`${new URL(page.url()).origin}/auth/callback`);
  expect(params.get('code_challenge_method')).toBe('S256');
  const { exchange_code, code_verifier } = exchange!.body;
  expect(exchange_code).toMatch(/^awx_ec_/);
  expect(code_verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
  expect(params.get('code_challenge')).toBe(createHash('sha256').update(code_verifier).digest('base64url'));
  expect(exchange!.addressBar).toBe(`${new URL(page.url()).origin}/auth/callback`);
  // The verifier served this one exchange and is gone.
  expect(await page.evaluate(() => sessionStorage.getItem('awx.pkce_verifier'))).toBeNull();
});

test('after sign-in neither the address bar nor history holds the exchange code, and localStorage holds no token', async ({ page }) => {
  const visited: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  await signIn(page, newUser('signin'));

  // The provider sent the browser to /auth/callback?exchange_code=…: it was there, and is gone.
  expect(visited.some((url) => url.includes('/auth/callback?exchange_code='))).toBe(true);
  expect(page.url()).not.toContain('exchange_code');
  const historyState = await page.evaluate(() => ({ length: history.length, state: JSON.stringify(history.state) }));
  expect(historyState.state).not.toContain('exchange_code');
  await page.goBack();
  expect(page.url()).not.toContain('exchange_code');
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();

  const storage = await page.evaluate(() => ({
    local: Object.entries(localStorage),
    session: Object.keys(sessionStorage).sort(),
    cookies: document.cookie,
  }));
  expect(storage.local).toEqual([]);
  // The refresh token, and the random tag that tells tabs holding a copy of this session apart from others.
  expect(storage.session).toEqual(['awx.refresh_token', 'awx.session_tag']);
  expect(storage.cookies).toBe('');
});

test('a reload keeps the session through the refresh token in sessionStorage, and sign out ends it', async ({ page }) => {
  const email = newUser('reload');
  await signIn(page, email);
  const before = await page.evaluate(() => sessionStorage.getItem('awx.refresh_token'));
  await page.reload();
  await expect(page.getByRole('banner').getByText(email)).toBeVisible();
  // The refresh token was spent and replaced (rotation).
  expect(await page.evaluate(() => sessionStorage.getItem('awx.refresh_token'))).not.toBe(before);

  const logout = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  expect((await logout).status()).toBe(204);
  await expect(page.getByRole('button', { name: 'Sign in with Google' })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in with Google' })).toBeVisible();
});

test('the dashboard is served with a strict CSP, nosniff and no referrer; unknown API paths stay problem+json', async ({ page, request }) => {
  for (const path of ['/', '/keys', '/auth/callback']) {
    const response = (await page.goto(path))!;
    const headers = response.headers();
    expect(response.status(), path).toBe(200);
    const csp = headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  }
  const unknown = await request.get('/api/v1/no-such-thing');
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()['content-type']).toContain('application/problem+json');
  expect((await request.get('/internal/v1/api-keys/verify')).status()).toBe(404);
  expect((await request.get('/.well-known/jwks.json')).status()).toBe(200);
});

test('a plain link to the sign-in start (the seed\'s GET /auth/google/redirect) signs the user in, bound to this browser by an HttpOnly cookie only the exchange receives', async ({ page, context }) => {
  let exchangeBody: Record<string, string> | undefined;
  await page.route('**/api/v1/auth/exchange', async (route) => {
    exchangeBody = route.request().postDataJSON();
    await route.continue();
  });
  const email = newUser('plain-link');
  await page.goto('/auth/google/redirect');
  await page.locator('input[name="username"]').fill(email);
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('banner').getByText(email)).toBeVisible();

  // The app had no verifier: the browser's cookie carried it, out of the page's reach and sent to the exchange only.
  expect(exchangeBody).toEqual({ exchange_code: expect.stringMatching(/^awx_ec_/) });
  const kept = (await context.cookies()).filter((c) => c.name.startsWith('awx_pkce_'));
  expect(kept).toHaveLength(1);
  expect(kept[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/exchange' });
  expect(await page.evaluate(() => document.cookie)).toBe('');
});

test('an exchange code from a plain-link sign-in in another browser does not sign this one in', async ({ page, browser, baseURL }) => {
  const elsewhere = await browser.newContext({ baseURL });
  const attacker = await elsewhere.newPage();
  let stolen: string | undefined;
  // The code is read off the redirect to the app, and the attacker's own app is kept from spending it.
  attacker.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/auth/callback' && url.searchParams.has('exchange_code')) stolen = url.searchParams.get('exchange_code')!;
  });
  await attacker.route('**/api/v1/auth/exchange', (route) => route.abort());
  await attacker.goto('/auth/google/redirect');
  await attacker.locator('input[name="username"]').fill(newUser('attacker'));
  await attacker.getByRole('button', { name: 'Sign-in' }).click();
  await expect.poll(() => stolen).toMatch(/^awx_ec_/);
  await elsewhere.close();

  // The victim opens the attacker's link: the code is bound to the attacker's browser, not this one.
  await page.goto(`/auth/callback?exchange_code=${stolen}`);
  await expect(page.getByRole('alert')).toContainText('code_verifier');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toHaveCount(0);
});
