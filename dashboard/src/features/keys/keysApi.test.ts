import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../api/client';
import type { ApiKey, ApiKeyPage } from '../../api/types';

import { createKey, forgetRevealedKeys, listAllKeys, offeredEnvironments, revealingMutation, rotateKey, submissionKeys } from './keysApi';

// keysApi's hooks use the tab's client (hoisted above the imports); these tests hand the calls a client of their own.
vi.mock('../../auth/session', () => ({ api: {}, tokens: {} }));

function apiKey(n: number, extra: Partial<ApiKey> = {}): ApiKey {
  return {
    id: `key_${String(n).padStart(4, '0')}`, name: `key ${n}`, environment: 'sandbox', scopes: ['agents:read'],
    masked_key: 'awx_sandbox_…abcd', ip_allowlist: [], ip_allowlist_frozen: false, rate_limits: [], status: 'active',
    created_at: '2026-01-01T00:00:00Z', rotation_due_at: '2026-04-01T00:00:00Z', rotation_due: false, ...extra,
  };
}

/** An API client over a fake fetch that records every request. */
function recordingClient(answer: (url: URL) => unknown) {
  const requests: { url: URL; headers: Record<string, string>; body: unknown }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const parsed = new URL(url, 'http://dashboard.test');
    requests.push({ url: parsed, headers: init.headers as Record<string, string>, body: init.body && JSON.parse(String(init.body)) });
    return new Response(JSON.stringify(answer(parsed)), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  const client = createApiClient({ accessToken: async () => 'access', refresh: async () => 'access', end: () => undefined }, fetchImpl);
  return { client, requests };
}

describe('the key list', () => {
  it('holds every key: with 101 keys it reads the second page after the last id of the first', async () => {
    const all = Array.from({ length: 101 }, (_, i) => apiKey(101 - i)); // newest first
    const { client, requests } = recordingClient((url): ApiKeyPage => {
      const after = url.searchParams.get('starting_after');
      const start = after === null ? 0 : all.findIndex((k) => k.id === after) + 1;
      const limit = Number(url.searchParams.get('limit'));
      return { data: all.slice(start, start + limit), has_more: start + limit < all.length };
    });
    const page = await listAllKeys(client);
    expect(page.data).toHaveLength(101);
    expect(page.data.at(-1)!.id).toBe('key_0001'); // the oldest, the one due for rotation first
    expect(requests.map((r) => r.url.search)).toEqual(['?limit=100', `?limit=100&starting_after=${all[99].id}`]);
  });
});

describe('Idempotency-Key', () => {
  it('create and rotate send the submission\'s Idempotency-Key header', async () => {
    const { client, requests } = recordingClient(() => apiKey(1, { key: 'awx_sandbox_secret' }));
    await createKey(client, { body: { name: 'n', environment: 'sandbox', scopes: ['agents:read'] }, idempotencyKey: 'idem-create' });
    await rotateKey(client, { body: { id: 'key_0001', graceSeconds: 3600 }, idempotencyKey: 'idem-rotate' });
    expect(requests.map((r) => [r.url.pathname, r.headers['Idempotency-Key']])).toEqual([
      ['/api/v1/api-keys', 'idem-create'],
      ['/api/v1/api-keys/key_0001/rotate', 'idem-rotate'],
    ]);
    expect(requests[1].body).toEqual({ grace_period_seconds: 3600 });
  });

  it('one key per submission: the same submission retried keeps it, a changed one gets a new one', () => {
    let n = 0;
    const submission = submissionKeys(() => `idem-${++n}`);
    const first = submission({ name: 'worker', scopes: ['agents:read'] });
    expect(first).toEqual({ body: { name: 'worker', scopes: ['agents:read'] }, idempotencyKey: 'idem-1' });
    expect(submission({ name: 'worker', scopes: ['agents:read'] }).idempotencyKey).toBe('idem-1');
    expect(submission({ name: 'worker 2', scopes: ['agents:read'] }).idempotencyKey).toBe('idem-2');
    expect(submissionKeys()({}).idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('the full key in the mutation cache', () => {
  afterEach(() => void vi.useRealTimers());

  const created = apiKey(1, { key: 'awx_sandbox_0123456789abcdefghijklmnopqrstuvw' });
  const holdingKey = (client: QueryClient) =>
    client.getMutationCache().getAll().filter((m) => (m.state.data as ApiKey | undefined)?.key !== undefined);

  /** A create as the form runs it: observed while the form is open, unobserved once it closes. */
  async function createThroughForm(client: QueryClient) {
    const form = new MutationObserver(client, revealingMutation(client, async () => created));
    const close = form.subscribe(() => undefined);
    await form.mutate({});
    return close;
  }

  it('after "I have stored the key" no mutation in the cache holds a key', async () => {
    const client = new QueryClient();
    const closeForm = await createThroughForm(client);
    expect(holdingKey(client)).toHaveLength(1);
    closeForm();
    forgetRevealedKeys(client);
    expect(holdingKey(client)).toEqual([]);
  });

  it('the answer leaves the cache as soon as the form closes, not 5 minutes later', async () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const closeForm = await createThroughForm(client);
    closeForm();
    await vi.advanceTimersByTimeAsync(0);
    expect(holdingKey(client)).toEqual([]);
  });
});

describe('environments offered for a new key', () => {
  it('are the ones the deployment creates keys for, sandbox first', () => {
    expect(offeredEnvironments({ key_environments: ['production'] })).toEqual(['production']);
    expect(offeredEnvironments({ key_environments: ['production', 'sandbox'] })).toEqual(['sandbox', 'production']);
  });

  it('are both while the policy is loading, or when a server does not say', () => {
    expect(offeredEnvironments(undefined)).toEqual(['sandbox', 'production']);
    expect(offeredEnvironments({})).toEqual(['sandbox', 'production']);
    expect(offeredEnvironments({ key_environments: ['staging'] })).toEqual(['sandbox', 'production']);
  });
});
