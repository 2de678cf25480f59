import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

/** A user nobody else uses: the first sign-in gives them an organization of their own (free plan). */
export function newUser(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** The whole browser sign-in: our button, the local provider's login form, the callback, the exchange. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Google' }).click();
  await page.locator('input[name="username"]').fill(email);
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByRole('banner').getByText(email)).toBeVisible();
}

/** Follows a link of the main menu (page content may link to the same pages). */
export async function goTo(page: Page, name: 'Overview' | 'API keys' | 'Sessions' | 'Audit log'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

export async function orgId(page: Page): Promise<string> {
  await goTo(page, 'Overview');
  return (await page.getByTestId('org-id').textContent())!;
}

/** Runs `deploy/local/awx plan ORG PLAN`, the way a developer would. */
export function setPlan(org: string, plan: 'free' | 'growth' | 'enterprise'): void {
  const awx = process.env.AWX_CLI ?? '../deploy/local/awx';
  execFileSync('bash', [awx, 'plan', org, plan], { stdio: 'pipe' });
}

export interface KeySpec {
  name: string;
  scopes: string[];
  environment?: 'Sandbox' | 'Production';
  allowlist?: string;
  /** Requests per window, by the field's label ("per day", …). */
  limits?: Partial<Record<'per second' | 'per minute' | 'per hour' | 'per day', number>>;
}

/** Creates a key through the form; returns the full key from the one panel that shows it. */
export async function createKey(page: Page, spec: KeySpec): Promise<string> {
  await goTo(page, 'API keys');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByLabel('Name').fill(spec.name);
  await page.getByLabel(spec.environment ?? 'Sandbox', { exact: false }).check();
  for (const scope of spec.scopes) await page.getByRole('checkbox', { name: scope }).check();
  if (spec.allowlist) await page.getByLabel('IP allowlist (optional)').fill(spec.allowlist);
  for (const [window, limit] of Object.entries(spec.limits ?? {})) {
    await page.getByLabel(`Requests ${window}`).fill(String(limit));
  }
  await page.getByRole('button', { name: 'Create key' }).click();
  return shownKey(page);
}

export async function shownKey(page: Page): Promise<string> {
  const key = page.getByTestId('new-key');
  await expect(key).toHaveText(/^awx_(sandbox|production)_[0-9A-Za-z]{33}$/);
  return (await key.textContent())!;
}

/** The row of the named key whose status badge reads `status`. */
export function keyRow(page: Page, name: string, status = 'active') {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) })
    .filter({ has: page.locator(`.status-${status}`) });
}
