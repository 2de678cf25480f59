import { describe, expect, it } from 'vitest';
import { SessionEndedError } from '../api/errors';
import { REFRESH_TOKEN_KEY, TokenManager } from './tokens';

type Answer = { status: number; body?: unknown };

/** A scripted server: each call takes the next answer; a pending answer can be released later. */
function fakeServer() {
  const calls: { url: string; init: RequestInit }[] = [];
  const answers: (Answer | Promise<Answer> | 'offline')[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (next === undefined) throw new Error(`unexpected call to ${url}`);
    if (next === 'offline') throw new TypeError('Failed to fetch');
    const { status, body } = await next;
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
    });
  }) as unknown as typeof fetch;
  return { calls, answers, fetchImpl };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

function setup(stored?: string) {
  const server = fakeServer();
  const storage = memoryStorage();
  if (stored) storage.setItem(REFRESH_TOKEN_KEY, stored);
  const clock = { now: 1_000_000 };
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const tokens = new TokenManager({
    fetch: server.fetchImpl,
    storage,
    now: () => clock.now,
    setTimer: (run, ms) => {
      const t = { run, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => void ((t as { cleared: boolean }).cleared = true),
  });
  return { server, storage, clock, timers, tokens };
}

const issued = (n: number, expiresIn = 900): Answer => ({
  status: 200,
  body: { access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'Bearer', expires_in: expiresIn, refresh_expires_in: 604800 },
});
const invalidGrant: Answer = {
  status: 400,
  body: { type: 'https://docs.agentwallex.com/problems/invalid_grant', title: 'Invalid grant', status: 400, request_id: 'req-1' },
};
const bodyOf = (call: { init: RequestInit }) => JSON.parse(String(call.init.body));

describe('TokenManager', () => {
  it('exchanges the code together with its PKCE verifier', async () => {
    const { server, tokens } = setup();
    server.answers.push(issued(1));
    await tokens.exchange('awx_ec_code', 'verifier-123');
    expect(server.calls[0].url).toBe('/api/v1/auth/exchange');
    expect(bodyOf(server.calls[0])).toEqual({ exchange_code: 'awx_ec_code', code_verifier: 'verifier-123' });
    expect(tokens.status()).toBe('signed-in');
  });

  it('keeps the refresh token in session storage only and the access token nowhere but in memory', async () => {
    const { server, storage, tokens } = setup();
    server.answers.push(issued(1));
    await tokens.exchange('code', 'verifier');
    expect([...storage.items.entries()]).toEqual([[REFRESH_TOKEN_KEY, 'refresh-1']]);
    expect(await tokens.accessToken()).toBe('access-1');
  });

  it('schedules the refresh a fifth of the lifetime, at most a minute, before expiry', async () => {
    const { server, timers, tokens } = setup();
    server.answers.push(issued(1, 900));
    await tokens.exchange('code', 'verifier');
    expect(timers.at(-1)!.ms).toBe(840_000);

    server.answers.push(issued(2, 100));
    await tokens.refresh();
    expect(timers.at(-1)!.ms).toBe(80_000);
    expect(timers[0].cleared).toBe(true);
  });

  it('the scheduled refresh replaces both tokens before the access token expires', async () => {
    const { server, storage, timers, clock, tokens } = setup();
    server.answers.push(issued(1), issued(2));
    await tokens.exchange('code', 'verifier');
    clock.now += timers[0].ms;
    timers[0].run();
    await expect.poll(() => storage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
    expect(bodyOf(server.calls[1])).toEqual({ refresh_token: 'refresh-1' });
    expect(await tokens.accessToken()).toBe('access-2');
  });

  it('refreshes before handing out a token that is due, even if the timer has not fired', async () => {
    const { server, clock, tokens } = setup();
    server.answers.push(issued(1), issued(2));
    await tokens.exchange('code', 'verifier');
    clock.now += 850_000;
    expect(await tokens.accessToken()).toBe('access-2');
    expect(server.calls).toHaveLength(2);
  });

  it('runs one refresh at a time: concurrent callers share it', async () => {
    const { server, clock, tokens } = setup();
    server.answers.push(issued(1));
    await tokens.exchange('code', 'verifier');
    let release!: (a: Answer) => void;
    server.answers.push(new Promise<Answer>((resolve) => (release = resolve)));
    clock.now += 900_000;
    const waiting = [tokens.accessToken(), tokens.refresh(), tokens.accessToken()];
    release(issued(2));
    expect(await Promise.all(waiting)).toEqual(['access-2', 'access-2', 'access-2']);
    expect(server.calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('a refused refresh ends the session and forgets the refresh token', async () => {
    const { server, storage, tokens } = setup();
    const events: string[] = [];
    tokens.subscribe((e) => events.push(e));
    server.answers.push(issued(1), invalidGrant);
    await tokens.exchange('code', 'verifier');
    await expect(tokens.refresh()).rejects.toBeInstanceOf(SessionEndedError);
    expect(tokens.status()).toBe('ended');
    expect(storage.items.size).toBe(0);
    expect(events).toEqual(['signed-in', 'ended']);
    await expect(tokens.accessToken()).rejects.toBeInstanceOf(SessionEndedError);
  });

  it('a refresh that fails offline keeps the session, retries later and still serves the unexpired token', async () => {
    const { server, timers, clock, tokens } = setup();
    server.answers.push(issued(1), 'offline');
    await tokens.exchange('code', 'verifier');
    clock.now += 850_000;
    expect(await tokens.accessToken()).toBe('access-1');
    expect(tokens.status()).toBe('signed-in');
    expect(timers.at(-1)!.ms).toBe(30_000);
  });

  it('restores a session after a reload from the refresh token in session storage', async () => {
    const { server, tokens } = setup('refresh-0');
    expect(tokens.status()).toBe('restoring');
    server.answers.push(issued(1));
    await tokens.restore();
    expect(bodyOf(server.calls[0])).toEqual({ refresh_token: 'refresh-0' });
    expect(tokens.status()).toBe('signed-in');
  });

  it('sign out calls logout with the access token and clears everything', async () => {
    const { server, storage, timers, tokens } = setup();
    server.answers.push(issued(1), { status: 204 });
    await tokens.exchange('code', 'verifier');
    await tokens.signOut();
    expect(server.calls[1].url).toBe('/api/v1/auth/logout');
    expect(server.calls[1].init.headers).toEqual({ Authorization: 'Bearer access-1' });
    expect(storage.items.size).toBe(0);
    expect(timers[0].cleared).toBe(true);
    expect(tokens.status()).toBe('signed-out');
    expect(tokens.claims()).toBeNull();
  });

  it('sign out clears everything even when the logout call cannot be made', async () => {
    const { server, storage, tokens } = setup();
    server.answers.push(issued(1), 'offline');
    await tokens.exchange('code', 'verifier');
    await tokens.signOut();
    expect(storage.items.size).toBe(0);
    expect(tokens.status()).toBe('signed-out');
  });
});
