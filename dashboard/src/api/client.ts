import { ApiError, SessionEndedError, errorOf, offlineError } from './errors';

/** What the client needs of the token manager. */
export interface AccessTokens {
  accessToken(): Promise<string>;
  refresh(): Promise<string>;
  end(): void;
}

export type Query = Record<string, string | number | undefined | null>;

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  /** `headers` are sent as they are, on the retry after a refresh too (an Idempotency-Key must stay the same). */
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  /** The raw answer of an authenticated GET (downloads); failures are thrown as ApiError. */
  download(path: string, query?: Query): Promise<Blob>;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Same-origin calls to the public API with the signed-in user's access token. A 401 gets one
 * refresh and one retry (the token may have been revoked or have expired in a sleeping tab); a
 * second 401 ends the session, so the user is sent to sign in again.
 */
export function createApiClient(tokens: AccessTokens, fetchImpl: typeof fetch = (...args) => fetch(...args)): ApiClient {
  async function send(method: string, url: string, token: string, body?: unknown, extra?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = { ...extra, Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await fetchImpl(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw offlineError();
    }
  }

  async function respond(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response> {
    let response = await send(method, url, await tokens.accessToken(), body, headers);
    if (response.status === 401) {
      response = await send(method, url, await tokens.refresh(), body, headers);
      if (response.status === 401) {
        const refused = await errorOf(response);
        tokens.end();
        throw new SessionEndedError(refused.requestId);
      }
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  async function json<T>(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const response = await respond(method, url, body, headers);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(response.status, 'Unreadable answer', 'The server sent an answer that is not JSON.',
        response.headers.get('X-Request-Id') ?? undefined);
    }
  }

  return {
    get: (path, query) => json('GET', withQuery(path, query)),
    post: (path, body, headers) => json('POST', path, body, headers),
    patch: (path, body) => json('PATCH', path, body),
    delete: async (path) => {
      await respond('DELETE', path);
    },
    download: async (path, query) => (await respond('GET', withQuery(path, query))).blob(),
  };
}
