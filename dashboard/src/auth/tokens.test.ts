import { describe, expect, it } from 'vitest';
import { SessionEndedError } from '../api/errors';
import { CLAIM_WAIT_MS, REFRESH_TOKEN_KEY, SESSION_TAG_KEY, TokenManager, sessionLockName, type SessionLocks } from './tokens';

type Answer = { status: number; body?: unknown };

/** A scripted server: each call takes the next answer; a pending answer can be released later. */
function fakeServer() {
  const calls: { url: string; init: RequestInit }[] = [];
  // 'cut': the headers of a 200 arrive, then the connection breaks off in the body.
  const answers: (Answer | Promise<Answer> | 'offline' | 'cut')[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (next === undefined) throw new Error(`unexpected call to ${url}`);
    if (next === 'offline') throw new TypeError('Failed to fetch');
    if (next === 'cut') {
      const body = new ReadableStream({ start: (c) => c.error(new TypeError('network error')) });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
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
 * navigator.locks shared by fake tabs (documents): exclusive, granted in the order asked, the callback
 * run a moment later (a microtask); a lock stays with its document until the promise the callback
 * returned settles or the document goes away (closed, or discarded by a reload). A frozen document
 * does nothing at all and keeps its locks, as in the browser.
 */
function fakeLocks() {
  type Document = { held: Set<string>; unlocks: (() => void)[] };
  const holders = new Map<string, Document>();
  const queue: { name: string; document: Document; grant: () => void }[] = [];
  function serve() {
    for (const request of [...queue]) {
      if (holders.has(request.name)) continue;
      queue.splice(queue.indexOf(request), 1);
      holders.set(request.name, request.document);
      request.grant();
    }
  }
  function document() {
    const me: Document = { held: new Set(), unlocks: [] };
    const locks: SessionLocks = {
      request: (name, { signal }, hold) => new Promise((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const request = {
          name,
          document: me,
          grant: () => {
            me.held.add(name);
            let done = false;
            const unlock = () => {
              if (done) return;
              done = true;
              me.held.delete(name);
              holders.delete(name);
              serve();
            };
            me.unlocks.push(unlock);
            queueMicrotask(() => hold().then(resolve, reject).finally(unlock));
          },
        };
        queue.push(request);
        signal.addEventListener('abort', () => {
          if (!queue.includes(request)) return;
          queue.splice(queue.indexOf(request), 1);
          reject(signal.reason);
        });
        serve();
      }),
    };
    return {
      locks,
      holds: (name: string) => me.held.has(name),
      /** Closed, or discarded by a reload: the browser drops its locks and its requests. */
      unload: () => {
        queue.filter((r) => r.document === me).forEach((r) => queue.splice(queue.indexOf(r), 1));
        me.unlocks.splice(0).forEach((unlock) => unlock());
      },
    };
  }
  return { document, heldNames: () => [...holders.keys()] };
}

type FakeDocument = ReturnType<ReturnType<typeof fakeLocks>['document']>;

interface TabOptions {
  server?: ReturnType<typeof fakeServer>;
  storage?: ReturnType<typeof memoryStorage>;
  /** This tab's document in a shared lock manager (one of its own by default); null: no Web Locks. */
  document?: FakeDocument | null;
}

/** Ids unique across the fake tabs of a test (session tags name locks shared by them). */
let ids = 0;

function setup(stored?: string, tab: TabOptions = {}) {
  const server = tab.server ?? fakeServer();
  const storage = tab.storage ?? memoryStorage();
  if (stored) storage.setItem(REFRESH_TOKEN_KEY, stored);
  const clock = { now: 1_000_000 };
  const timers: { run: () => void; ms: number; due: number; cleared: boolean }[] = [];
  const document = tab.document === undefined ? fakeLocks().document() : tab.document;
  /** Whether this tab held its session's lock at each refresh it sent. */
  const spentHolding: boolean[] = [];
  const tokens = new TokenManager({
    fetch: ((url: string, init: RequestInit) => {
      const tag = storage.getItem(SESSION_TAG_KEY);
      if (url === '/api/v1/auth/refresh') spentHolding.push(tag !== null && document?.holds(sessionLockName(tag)) === true);
      return server.fetchImpl(url, init);
    }) as typeof fetch,
    storage,
    locks: document?.locks,
    newId: () => `id-${++ids}`,
    now: () => clock.now,
    setTimer: (run, ms) => {
      const t = { run, ms, due: clock.now + ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => void ((t as { cleared: boolean }).cleared = true),
  });
  /** Fake time for this tab alone (a frozen tab's clock does not move): fires the timers due by then, in order. */
  const advance = (ms: number) => {
    clock.now += ms;
    for (;;) {
      const due = timers.filter((t) => !t.cleared && t.due <= clock.now).sort((x, y) => x.due - y.due)[0];
      if (due === undefined) return;
      due.cleared = true;
      due.run();
    }
  };
  return { server, storage, clock, timers, tokens, spentHolding, advance };
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
/** Lets every pending callback and promise run (no time passes: fake time moves only by advance()). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TokenManager', () => {
  it('exchanges a code without a verifier of its own without a code_verifier field, leaving it to the start\'s cookie', async () => {
    const { server, tokens } = setup();
    server.answers.push(issued(1));
    await tokens.exchange('awx_ec_code', null);
    expect(bodyOf(server.calls[0])).toEqual({ exchange_code: 'awx_ec_code' });
    expect(tokens.status()).toBe('signed-in');
  });

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
    const first = timers.at(-1)!;
    expect(first.ms).toBe(840_000);

    server.answers.push(issued(2, 100));
    await tokens.refresh();
    expect(timers.at(-1)!.ms).toBe(80_000);
    expect(first.cleared).toBe(true);
  });

  it('the scheduled refresh replaces both tokens before the access token expires', async () => {
    const { server, storage, advance, tokens } = setup();
    server.answers.push(issued(1), issued(2));
    await tokens.exchange('code', 'verifier');
    advance(840_000);
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
    server.answers.push(issued(1), 'offline', 'offline');
    await tokens.exchange('code', 'verifier');
    clock.now += 850_000;
    expect(await tokens.accessToken()).toBe('access-1');
    expect(tokens.status()).toBe('signed-in');
    expect(timers.at(-1)!.ms).toBe(30_000);
  });

  it.each([
    ['no connection mid-request', 'offline'],
    ['a 200 that broke off in its body (the server has rotated the token already)', 'cut'],
  ] as const)('a refresh whose answer was lost (%s) is asked again at once with the same token, inside the server\'s reuse grace', async (_, lost) => {
    const { server, storage, tokens } = setup();
    server.answers.push(issued(1), lost, issued(2));
    await tokens.exchange('code', 'verifier');
    expect(await tokens.refresh()).toBe('access-2');
    const refreshes = server.calls.filter((c) => c.url === '/api/v1/auth/refresh').map(bodyOf);
    expect(refreshes).toEqual([{ refresh_token: 'refresh-1' }, { refresh_token: 'refresh-1' }]);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });

  it('a refresh refused for volume is not asked again at once', async () => {
    const { server, tokens } = setup();
    server.answers.push(issued(1), { status: 429, body: { type: 'about:blank', title: 'Too many', status: 429 } });
    await tokens.exchange('code', 'verifier');
    await expect(tokens.refresh()).rejects.toMatchObject({ status: 429 });
    expect(server.calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(tokens.status()).toBe('signed-in');
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
    expect(timers.filter((t) => !t.cleared)).toEqual([]);
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
    await settle(); // the refresh request is on its way
    expect(server.calls.map((c) => c.url)).toEqual(['/api/v1/auth/exchange', '/api/v1/auth/refresh']);
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
  /** A tab that signed in, in the lock manager shared with the tabs a test opens next to it. */
  async function signedIn(locks: ReturnType<typeof fakeLocks>, document = locks.document()) {
    const tab = setup(undefined, { document });
    tab.server.answers.push(issued(1));
    await tab.tokens.exchange('code', 'verifier');
    await settle();
    return tab;
  }

  /** "Duplicate tab" of a live tab: a copy of its storage in a new document, started and told it is a copy. */
  async function duplicateOf(first: Awaited<ReturnType<typeof signedIn>>, locks: ReturnType<typeof fakeLocks>) {
    const copy = setup(undefined, { server: first.server, storage: copyOf(first.storage), document: locks.document() });
    const restoring = copy.tokens.restore();
    copy.advance(CLAIM_WAIT_MS);
    await restoring;
    return copy;
  }

  it('a copy of a live tab waits CLAIM_WAIT_MS for the session\'s lock, then drops the copied refresh token unspent and reports duplicate', async () => {
    const locks = fakeLocks();
    const first = await signedIn(locks);
    const copy = setup(undefined, { server: first.server, storage: copyOf(first.storage), document: locks.document() });
    const events: string[] = [];
    copy.tokens.subscribe((e) => events.push(e));
    expect(copy.tokens.status()).toBe('restoring');

    const restoring = copy.tokens.restore();
    copy.advance(CLAIM_WAIT_MS - 1);
    await settle();
    expect(copy.tokens.status()).toBe('restoring');
    copy.advance(1);
    await restoring;
    expect(copy.tokens.status()).toBe('duplicate');
    expect(events).toEqual(['duplicate']);
    expect(copy.storage.items.size).toBe(0);
    expect(refreshCalls(first.server)).toHaveLength(0);

    // The first tab's token was never spent by the copy: its refresh goes through.
    first.server.answers.push(issued(2));
    expect(await first.tokens.refresh()).toBe('access-2');
    expect(refreshCalls(first.server).map(bodyOf)).toEqual([{ refresh_token: 'refresh-1' }]);
    expect(first.spentHolding).toEqual([true]);
  });

  it('a reload restores once the old document lets go of the lock within the wait, and spends the token once, holding the lock', async () => {
    const locks = fakeLocks();
    const before = locks.document();
    const old = await signedIn(locks, before);
    // The same tab's sessionStorage in a new document, while the old one is not discarded yet.
    const reloaded = setup(undefined, { server: old.server, storage: old.storage, document: locks.document() });
    old.server.answers.push(issued(2));
    const restoring = reloaded.tokens.restore();
    reloaded.advance(300);
    await settle();
    expect(refreshCalls(old.server)).toHaveLength(0);

    before.unload();
    await restoring;
    expect(reloaded.tokens.status()).toBe('signed-in');
    expect(refreshCalls(old.server).map(bodyOf)).toEqual([{ refresh_token: 'refresh-1' }]);
    expect(reloaded.spentHolding).toEqual([true]);
    // The wait ended with the grant: running out later changes nothing.
    reloaded.advance(CLAIM_WAIT_MS);
    await settle();
    expect(reloaded.tokens.status()).toBe('signed-in');
    expect(locks.heldNames()).toEqual([sessionLockName(reloaded.storage.getItem(SESSION_TAG_KEY)!)]);
  });

  it('a holder frozen in the background, answering nothing and its refresh overdue, still keeps a copy from spending; it spends its own token when it thaws', async () => {
    const locks = fakeLocks();
    const first = await signedIn(locks);
    // From here the first tab is frozen: none of its timers fire and it runs no code until advance() below.
    const copy = await duplicateOf(first, locks);
    expect(copy.tokens.status()).toBe('duplicate');
    expect(refreshCalls(first.server)).toHaveLength(0);

    // Thawed long after its refresh was due: the overdue timer fires, and the token it spends is still unspent.
    first.server.answers.push(issued(2));
    first.advance(900_000);
    await expect.poll(() => first.storage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
    expect(first.tokens.status()).toBe('signed-in');
    expect(refreshCalls(first.server).map(bodyOf)).toEqual([{ refresh_token: 'refresh-1' }]);
    expect(first.spentHolding).toEqual([true]);
  });

  it('two copies starting at the same moment: exactly one spends the refresh token, the other reports duplicate', async () => {
    const locks = fakeLocks();
    const server = fakeServer();
    const stored = memoryStorage();
    stored.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
    stored.setItem(SESSION_TAG_KEY, 'session-1');
    const a = setup(undefined, { server, storage: copyOf(stored), document: locks.document() });
    const b = setup(undefined, { server, storage: copyOf(stored), document: locks.document() });
    server.answers.push(issued(1));
    const restoring = [a.tokens.restore(), b.tokens.restore()];
    await settle();
    a.advance(CLAIM_WAIT_MS);
    b.advance(CLAIM_WAIT_MS);
    await Promise.all(restoring);
    expect([a.tokens.status(), b.tokens.status()].sort()).toEqual(['duplicate', 'signed-in']);
    expect(refreshCalls(server).map(bodyOf)).toEqual([{ refresh_token: 'refresh-0' }]);
    expect([...a.spentHolding, ...b.spentHolding]).toEqual([true]);
  });

  it('a tab duplicated while its reload still waits for the old document\'s lock: the reloaded tab restores, the copy spends nothing', async () => {
    const locks = fakeLocks();
    const before = locks.document();
    const old = await signedIn(locks, before);
    const reloaded = setup(undefined, { server: old.server, storage: old.storage, document: locks.document() });
    const restoring = reloaded.tokens.restore();
    reloaded.advance(100);
    const copy = setup(undefined, { server: old.server, storage: copyOf(old.storage), document: locks.document() });
    const copying = copy.tokens.restore();

    old.server.answers.push(issued(2));
    before.unload();
    await restoring;
    copy.advance(CLAIM_WAIT_MS);
    await copying;
    expect(reloaded.tokens.status()).toBe('signed-in');
    expect(copy.tokens.status()).toBe('duplicate');
    expect(refreshCalls(old.server).map(bodyOf)).toEqual([{ refresh_token: 'refresh-1' }]);
    expect(reloaded.spentHolding).toEqual([true]);
  });

  it('a copy that signs in again gets a session and a lock of its own: both tabs refresh their own tokens', async () => {
    const locks = fakeLocks();
    const first = await signedIn(locks);
    const copy = await duplicateOf(first, locks);

    first.server.answers.push(issued(5), issued(2), issued(6));
    await copy.tokens.exchange('code', 'verifier');
    await settle();
    expect(copy.storage.getItem(SESSION_TAG_KEY)).not.toBe(first.storage.getItem(SESSION_TAG_KEY));
    expect(await first.tokens.refresh()).toBe('access-2');
    expect(await copy.tokens.refresh()).toBe('access-6');
    expect(refreshCalls(first.server).map(bodyOf)).toEqual([{ refresh_token: 'refresh-1' }, { refresh_token: 'refresh-5' }]);
    expect([first.spentHolding, copy.spentHolding]).toEqual([[true], [true]]);
  });

  it('sign-out lets go of the session\'s lock and leaves no wait running', async () => {
    const locks = fakeLocks();
    const first = await signedIn(locks);
    expect(locks.heldNames()).toHaveLength(1);
    first.server.answers.push({ status: 204 });
    await first.tokens.signOut();
    await settle();
    expect(locks.heldNames()).toEqual([]);
    expect(first.timers.filter((t) => !t.cleared)).toEqual([]);
  });

  it('without Web Locks a tab assumes it is alone: a reload restores at once', async () => {
    const { server, timers, tokens } = setup('refresh-0', { document: null });
    server.answers.push(issued(1));
    await tokens.restore();
    expect(tokens.status()).toBe('signed-in');
    expect(refreshCalls(server).map(bodyOf)).toEqual([{ refresh_token: 'refresh-0' }]);
    expect(timers.filter((t) => t.ms === CLAIM_WAIT_MS)).toEqual([]);
  });
});
