import { describe, expect, it } from 'vitest';
import { SessionEndedError } from '../api/errors';
import { PROBE_MS, REFRESH_TOKEN_KEY, SESSION_TAG_KEY, TokenManager, type TabChannel, type TabMessage } from './tokens';

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

/** A copy of a tab's sessionStorage, as "Duplicate tab" and window.open make it. */
function copyOf(storage: ReturnType<typeof memoryStorage>) {
  const copy = memoryStorage();
  storage.items.forEach((v, k) => copy.setItem(k, v));
  return copy;
}

/**
 * A BroadcastChannel between fake tabs: each message reaches every other tab a moment later (a
 * microtask), never its sender; a frozen tab (a background tab the browser froze) gets its messages when it thaws.
 */
function fakeTabs() {
  const sent: TabMessage[] = [];
  const members: { receive?: (m: TabMessage) => void; frozen: boolean; held: TabMessage[] }[] = [];
  function channel(): TabChannel & { freeze(): void; thaw(): void } {
    const me: (typeof members)[number] = { frozen: false, held: [] };
    members.push(me);
    return {
      post: (m) => {
        sent.push(m);
        members.filter((other) => other !== me).forEach((other) =>
          queueMicrotask(() => (other.frozen ? other.held.push(m) : other.receive?.(m))));
      },
      listen: (receive) => void (me.receive = receive),
      freeze: () => void (me.frozen = true),
      thaw: () => {
        me.frozen = false;
        me.held.splice(0).forEach((m) => me.receive?.(m));
      },
    };
  }
  return { sent, channel };
}

interface TabOptions {
  server?: ReturnType<typeof fakeServer>;
  storage?: ReturnType<typeof memoryStorage>;
  channel?: TabChannel;
  tabId?: string;
}

function setup(stored?: string, tab: TabOptions = {}) {
  const server = tab.server ?? fakeServer();
  const storage = tab.storage ?? memoryStorage();
  if (stored) storage.setItem(REFRESH_TOKEN_KEY, stored);
  const clock = { now: 1_000_000 };
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  let ids = 0;
  const tokens = new TokenManager({
    fetch: server.fetchImpl,
    storage,
    channel: tab.channel,
    tabId: tab.tabId,
    newId: () => `id-${++ids}`,
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

  it('keeps the refresh token and the session tag in session storage only and the access token nowhere but in memory', async () => {
    const { server, storage, tokens } = setup();
    server.answers.push(issued(1));
    await tokens.exchange('code', 'verifier');
    expect(Object.fromEntries(storage.items)).toEqual({ [REFRESH_TOKEN_KEY]: 'refresh-1', [SESSION_TAG_KEY]: expect.any(String) });
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

  it('sign out with an access token that expired meanwhile refreshes first and logs out with the new token', async () => {
    const { server, storage, clock, tokens } = setup();
    server.answers.push(issued(1, 900), issued(2), { status: 204 });
    await tokens.exchange('code', 'verifier');
    clock.now += 900_000; // the laptop slept past the token's expiry
    await tokens.signOut();
    expect(server.calls.map((c) => c.url)).toEqual(['/api/v1/auth/exchange', '/api/v1/auth/refresh', '/api/v1/auth/logout']);
    expect(bodyOf(server.calls[1])).toEqual({ refresh_token: 'refresh-1' });
    expect(server.calls[2].init.headers).toEqual({ Authorization: 'Bearer access-2' });
    expect(storage.items.size).toBe(0);
    expect(tokens.status()).toBe('signed-out');
  });

  it('a logout answered 401 gets one refresh and one more logout with the new token', async () => {
    const { server, tokens } = setup();
    const unauthorized: Answer = { status: 401, body: { title: 'Unauthorized', status: 401 } };
    server.answers.push(issued(1), unauthorized, issued(2), unauthorized);
    await tokens.exchange('code', 'verifier');
    await tokens.signOut();
    expect(server.calls.map((c) => c.url)).toEqual(['/api/v1/auth/exchange', '/api/v1/auth/logout', '/api/v1/auth/refresh', '/api/v1/auth/logout']);
    expect(server.calls[3].init.headers).toEqual({ Authorization: 'Bearer access-2' });
    expect(tokens.status()).toBe('signed-out');
  });

  it('a refresh still in flight at sign-out writes no refresh token back and does not sign the tab in again', async () => {
    const { server, storage, timers, tokens } = setup();
    const events: string[] = [];
    tokens.subscribe((e) => events.push(e));
    server.answers.push(issued(1));
    await tokens.exchange('code', 'verifier');
    let release!: (a: Answer) => void;
    server.answers.push(new Promise<Answer>((resolve) => (release = resolve)), { status: 204 });
    const refreshing = tokens.refresh();
    await tokens.signOut();
    release(issued(2));
    await expect(refreshing).rejects.toBeInstanceOf(SessionEndedError);
    expect(storage.items.size).toBe(0);
    expect(tokens.status()).toBe('signed-out');
    expect(tokens.claims()).toBeNull();
    expect(events).toEqual(['signed-in', 'signed-out']);
    expect(timers.filter((t) => !t.cleared)).toEqual([]);
  });
});

describe('TokenManager with a duplicated tab', () => {
  const refreshCalls = (server: ReturnType<typeof fakeServer>) => server.calls.filter((c) => c.url === '/api/v1/auth/refresh');

  it('a copy of a live tab leaves the session to it: it drops the copied refresh token unspent and asks for a sign-in', async () => {
    const tabs = fakeTabs();
    const first = setup(undefined, { channel: tabs.channel(), tabId: 'tab-a' });
    first.server.answers.push(issued(1));
    await first.tokens.exchange('code', 'verifier');

    const copy = setup(undefined, { server: first.server, storage: copyOf(first.storage), channel: tabs.channel(), tabId: 'tab-b' });
    expect(copy.tokens.status()).toBe('restoring');
    await copy.tokens.restore();
    expect(copy.tokens.status()).toBe('duplicate');
    expect(copy.storage.items.size).toBe(0);
    expect(refreshCalls(first.server)).toHaveLength(0);

    // The first tab's token was never spent by the copy: its refresh goes through.
    first.server.answers.push(issued(2));
    expect(await first.tokens.refresh()).toBe('access-2');
    expect(bodyOf(refreshCalls(first.server)[0])).toEqual({ refresh_token: 'refresh-1' });
    expect(first.tokens.status()).toBe('signed-in');
  });

  it('a single tab\'s reload restores its session once no other tab answered', async () => {
    const tabs = fakeTabs();
    const storage = memoryStorage();
    storage.setItem(SESSION_TAG_KEY, 'session-1');
    const { server, timers, tokens } = setup('refresh-0', { storage, channel: tabs.channel(), tabId: 'tab-a' });
    server.answers.push(issued(1));
    const restoring = tokens.restore();
    expect(tabs.sent).toEqual([{ kind: 'probe', session: 'session-1', tab: 'tab-a' }]);
    expect(server.calls).toHaveLength(0);
    expect(timers.at(-1)!.ms).toBe(PROBE_MS);
    timers.at(-1)!.run();
    await restoring;
    expect(bodyOf(server.calls[0])).toEqual({ refresh_token: 'refresh-0' });
    expect(tokens.status()).toBe('signed-in');
  });

  it('two copies starting at the same moment: exactly one of them spends the refresh token', async () => {
    const tabs = fakeTabs();
    const server = fakeServer();
    const stored = memoryStorage();
    stored.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
    stored.setItem(SESSION_TAG_KEY, 'session-1');
    const a = setup(undefined, { server, storage: copyOf(stored), channel: tabs.channel(), tabId: 'tab-a' });
    const b = setup(undefined, { server, storage: copyOf(stored), channel: tabs.channel(), tabId: 'tab-b' });
    server.answers.push(issued(1));
    const restoring = [a.tokens.restore(), b.tokens.restore()];
    await expect.poll(() => b.tokens.status()).toBe('duplicate'); // the tie goes to the lower tab id
    a.timers.at(-1)!.run();
    await Promise.all(restoring);
    expect(a.tokens.status()).toBe('signed-in');
    expect(refreshCalls(server)).toHaveLength(1);
  });

  it('a tab that could not answer in time (frozen) drops its copy when it hears the session was claimed, instead of spending it', async () => {
    const tabs = fakeTabs();
    const firstChannel = tabs.channel();
    const first = setup(undefined, { channel: firstChannel, tabId: 'tab-a' });
    first.server.answers.push(issued(1));
    await first.tokens.exchange('code', 'verifier');
    firstChannel.freeze();

    const copy = setup(undefined, { server: first.server, storage: copyOf(first.storage), channel: tabs.channel(), tabId: 'tab-b' });
    first.server.answers.push(issued(2));
    const restoring = copy.tokens.restore();
    copy.timers.at(-1)!.run();
    await restoring;
    expect(copy.tokens.status()).toBe('signed-in');

    firstChannel.thaw();
    expect(first.tokens.status()).toBe('duplicate');
    expect(first.storage.items.size).toBe(0);
    expect(first.timers[0].cleared).toBe(true);
    expect(refreshCalls(first.server)).toHaveLength(1);
  });
});
