import { describe, expect, it } from 'vitest';
import { createApiClient, withQuery } from './client';
import { ApiError, SessionEndedError, hintOf } from './errors';

function tokensStub() {
  const state = { issued: 0, ended: false, refreshes: 0 };
  return {
    state,
    accessToken: async () => `access-${state.issued}`,
    refresh: async () => {
      state.refreshes += 1;
      state.issued += 1;
      return `access-${state.issued}`;
    },
    end: () => void (state.ended = true),
  };
}

function respondWith(...responses: (Response | 'offline')[]) {
  const seen: { url: string; authorization: string; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    seen.push({ url, authorization: headers.Authorization, headers });
    const next = responses.shift();
    if (next === undefined || next === 'offline') throw new TypeError('Failed to fetch');
    return next;
  }) as unknown as typeof fetch;
  return { seen, fetchImpl };
}

const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('API client', () => {
  it('shows a problem document by its title, detail, parameter and request id', async () => {
    const { fetchImpl } = respondWith(problem(403, {
      type: 'https://docs.agentwallex.com/problems/plan_feature_unavailable', title: 'Not available on this plan',
      status: 403, detail: 'IP allowlists are available on the Growth and Enterprise plans.', request_id: 'req-42', parameter: 'ip_allowlist',
    }));
    const e = await failure(createApiClient(tokensStub(), fetchImpl).post('/api/v1/api-keys', {}));
    expect(e).toMatchObject({ status: 403, title: 'Not available on this plan', requestId: 'req-42', parameter: 'ip_allowlist' });
    expect(e.detail).toContain('Growth');
  });

  it('an error without a problem document still carries its status and the X-Request-Id header', async () => {
    const { fetchImpl } = respondWith(new Response('<html>oops</html>', {
      status: 500, statusText: 'Internal Server Error', headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'req-7' },
    }));
    const e = await failure(createApiClient(tokensStub(), fetchImpl).get('/api/v1/auth/me'));
    expect(e).toMatchObject({ status: 500, title: 'Internal Server Error', requestId: 'req-7' });
  });

  it('no answer at all is the offline state, status 0', async () => {
    const { fetchImpl } = respondWith('offline');
    const e = await failure(createApiClient(tokensStub(), fetchImpl).get('/api/v1/auth/me'));
    expect(e.offline).toBe(true);
    expect(e.title).toBe('No connection');
  });

  it('503 is the unavailable state with its Retry-After', async () => {
    const { fetchImpl } = respondWith(problem(503, { title: 'Service Unavailable', status: 503, request_id: 'req-9' }, { 'Retry-After': '5' }));
    const e = await failure(createApiClient(tokensStub(), fetchImpl).get('/api/v1/audit-logs'));
    expect(e).toMatchObject({ unavailable: true, retryAfterSeconds: 5, requestId: 'req-9' });
  });

  it('a 429 tells the user the wait the server asks for, in seconds or minutes', async () => {
    const answers = [
      problem(429, { title: 'Too Many Requests', status: 429, detail: 'Exports for this hour are used up.' }, { 'Retry-After': '30' }),
      problem(429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': '3541' }),
      problem(429, { title: 'Too Many Requests', status: 429 }),
    ];
    const { fetchImpl } = respondWith(...answers);
    const client = createApiClient(tokensStub(), fetchImpl);
    const hints = [];
    for (let i = 0; i < answers.length; i += 1) hints.push(hintOf(await failure(client.get('/api/v1/audit-logs/export'))));
    expect(hints).toEqual([
      'A limit has been reached; try again in 30 s.',
      'A limit has been reached; try again in 60 min.',
      'A limit has been reached; try again later.',
    ]);
  });

  it('only no answer, an unavailable service and a limit get a hint: other failures speak for themselves', async () => {
    const { fetchImpl } = respondWith('offline', problem(503, { title: 'Service Unavailable', status: 503 }, { 'Retry-After': '5' }),
      problem(400, { title: 'Invalid parameter', status: 400 }));
    const client = createApiClient(tokensStub(), fetchImpl);
    expect(hintOf(await failure(client.get('/api/v1/audit-logs')))).toMatch(/offline/);
    expect(hintOf(await failure(client.get('/api/v1/audit-logs')))).toBe('The service is temporarily unavailable; try again in 5 s.');
    expect(hintOf(await failure(client.get('/api/v1/audit-logs')))).toBeUndefined();
  });

  it('a 401 gets one refresh and one retry with the new token', async () => {
    const tokens = tokensStub();
    const { seen, fetchImpl } = respondWith(problem(401, { title: 'Unauthorized', status: 401 }),
      new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    expect(await createApiClient(tokens, fetchImpl).get('/api/v1/auth/me')).toEqual({ ok: true });
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer access-0', 'Bearer access-1']);
    expect(tokens.state.ended).toBe(false);
  });

  it('a POST sends the headers it is given, the same Idempotency-Key on the retry after a refresh too', async () => {
    const { seen, fetchImpl } = respondWith(problem(401, { title: 'Unauthorized', status: 401 }),
      new Response(JSON.stringify({ id: 'k1' }), { status: 201, headers: { 'Content-Type': 'application/json' } }));
    await createApiClient(tokensStub(), fetchImpl).post('/api/v1/api-keys', { name: 'n' }, { 'Idempotency-Key': 'idem-1' });
    expect(seen.map((s) => s.headers['Idempotency-Key'])).toEqual(['idem-1', 'idem-1']);
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer access-0', 'Bearer access-1']);
  });

  it('a 401 after a refresh ends the session', async () => {
    const tokens = tokensStub();
    const { fetchImpl } = respondWith(problem(401, { title: 'Unauthorized', status: 401 }),
      problem(401, { title: 'Unauthorized', status: 401, request_id: 'req-3' }));
    const e = await failure(createApiClient(tokens, fetchImpl).get('/api/v1/auth/me'));
    expect(e).toBeInstanceOf(SessionEndedError);
    expect(e.requestId).toBe('req-3');
    expect(tokens.state).toMatchObject({ ended: true, refreshes: 1 });
  });

  it('204 answers resolve without a body', async () => {
    const { fetchImpl } = respondWith(new Response(null, { status: 204 }));
    await expect(createApiClient(tokensStub(), fetchImpl).delete('/api/v1/api-keys/k1')).resolves.toBeUndefined();
  });

  it('query strings leave out empty filters', () => {
    expect(withQuery('/api/v1/audit-logs', { type: 'api_key.created', outcome: '', actor_id: undefined, limit: 100 }))
      .toBe('/api/v1/audit-logs?type=api_key.created&limit=100');
  });
});
