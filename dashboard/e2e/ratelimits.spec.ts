import { expect, test, type APIRequestContext } from '@playwright/test';
import { createKey, keyRow, newUser, signIn } from './helpers';

async function call(request: APIRequestContext, key: string) {
  return request.get('/api/v1/audit-logs?limit=1', { headers: { 'X-API-Key': key } });
}

test('a key created with a daily limit shows it, is refused with 429 over it, and its limits can be changed', async ({ page, request }) => {
  await signIn(page, newUser('limits'));
  const name = `limited-${Date.now()}`;
  const key = await createKey(page, { name, scopes: ['audit:read'], limits: { 'per day': 2 } });
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  await expect(keyRow(page, name).getByTestId('rate-limits')).toHaveText('limits: 2 per day');

  const first = await call(request, key);
  expect(first.status()).toBe(200);
  expect(first.headers()['ratelimit-policy']).toBe('"1d";q=2;w=86400');
  expect(first.headers()['ratelimit']).toMatch(/^"1d";r=1;t=\d+$/);
  expect((await call(request, key)).status()).toBe(200);
  const refused = await call(request, key);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);

  // Raise the daily limit and add one per minute: the row says so, and calls go through again.
  await keyRow(page, name).getByRole('button', { name: 'Rate limits' }).click();
  await expect(page.getByLabel('Requests per day')).toHaveValue('2');
  await page.getByLabel('Requests per day').fill('1000');
  await page.getByLabel('Requests per minute').fill('100');
  await page.getByRole('button', { name: 'Save rate limits' }).click();
  await expect(keyRow(page, name).getByTestId('rate-limits')).toHaveText('limits: 100 per minute · 1,000 per day');
  await expect.poll(async () => (await call(request, key)).status(), { timeout: 45_000, intervals: [1_000] }).toBe(200);

  // Cleared: no limits shown.
  await keyRow(page, name).getByRole('button', { name: 'Rate limits' }).click();
  await page.getByLabel('Requests per day').fill('');
  await page.getByLabel('Requests per minute').fill('');
  await page.getByRole('button', { name: 'Save rate limits' }).click();
  await expect(keyRow(page, name).getByTestId('rate-limits')).toHaveCount(0);
});

test('a rate limit the API refuses is explained in the form and nothing is created', async ({ page }) => {
  await signIn(page, newUser('badlimit'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys', exact: true }).click();
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByLabel('Name').fill('too many');
  await page.getByRole('checkbox', { name: 'audit:read' }).check();
  // the field's max stops the browser; the API is the rule, so bypass the browser's check
  await page.getByLabel('Requests per second').evaluate((input: HTMLInputElement) => input.removeAttribute('max'));
  await page.getByLabel('Requests per second').fill('2000000000');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('alert')).toContainText('limit must be between 1 and 1000000000');
  await expect(page.getByText('No API keys yet.')).toBeVisible();
});
