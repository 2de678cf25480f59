import { ApiError, SessionEndedError, errorOf, offlineError } from '../api/errors';

/** The body of a successful exchange or refresh (auth-service's token response). */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  refresh_expires_in: number;
}

export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out' | 'ended';
export type TokenEvent = 'signed-in' | 'refreshed' | 'signed-out' | 'ended';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TokenManagerOptions {
  fetch: typeof fetch;
  /** sessionStorage in the browser: the refresh token survives a reload of this tab and nothing else. */
  storage: StorageLike;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const REFRESH_TOKEN_KEY = 'awx.refresh_token';
/** Retry a failed background refresh this much later (the access token may still be good). */
const RETRY_MS = 30_000;

/** Refresh when a fifth of the lifetime is left, at most a minute before expiry. */
export function refreshLeadMs(expiresInSeconds: number): number {
  return Math.min(60, expiresInSeconds / 5) * 1000;
}

/**
 * Holds the tokens of the signed-in user. The access token lives in this object only, never in
 * storage; the refresh token in sessionStorage so that a reload keeps the session, and nowhere
 * else. Refresh tokens are single-use (auth-service rotates them and treats a late second use as
 * theft), so at most one refresh is in flight: every caller that needs a fresh token awaits it.
 */
export class TokenManager {
  private access: string | null = null;
  private refreshDueAt = 0;
  private expiresAt = 0;
  private inFlight: Promise<string> | null = null;
  private timer: unknown;
  private state: SessionStatus;
  private readonly listeners = new Set<(event: TokenEvent) => void>();
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    this.state = options.storage.getItem(REFRESH_TOKEN_KEY) ? 'restoring' : 'signed-out';
  }

  status(): SessionStatus {
    return this.state;
  }

  /** Calls back on every change of tokens; returns the unsubscribe function. */
  subscribe(listener: (event: TokenEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * After a reload: the refresh token kept in this tab's sessionStorage buys a new access token.
   * Offline or a server error leaves the status at 'restoring' (the session may be fine) and throws.
   */
  async restore(): Promise<void> {
    if (this.state === 'restoring') await this.refresh();
  }

  async exchange(exchangeCode: string, codeVerifier: string): Promise<void> {
    const tokens = await this.grant('/api/v1/auth/exchange', { exchange_code: exchangeCode, code_verifier: codeVerifier });
    this.accept(tokens, 'signed-in');
  }

  /** A usable access token, refreshed first when it is due. */
  async accessToken(): Promise<string> {
    if (this.access !== null && this.now() < this.refreshDueAt) return this.access;
    try {
      return await this.refresh();
    } catch (e) {
      // A refresh that failed for a passing reason still leaves an unexpired token usable.
      if (!(e instanceof SessionEndedError) && this.access !== null && this.now() < this.expiresAt) return this.access;
      throw e;
    }
  }

  /** Starts a refresh, or joins the one in flight. */
  refresh(): Promise<string> {
    this.inFlight ??= this.refreshOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** POST /api/v1/auth/logout for this session, then forget everything whatever the answer. */
  async signOut(): Promise<void> {
    const access = this.access;
    try {
      if (access !== null) {
        await this.options.fetch('/api/v1/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${access}` } });
      }
    } catch {
      // Offline: the tokens are dropped here anyway; the session expires on its own.
    } finally {
      this.forget('signed-out');
    }
  }

  /** The server no longer knows the session (refresh refused, or 401 after a refresh). */
  end(): void {
    this.forget('ended');
  }

  /** The claims of the access token, for display only (the services verify it). */
  claims(): Record<string, unknown> | null {
    if (this.access === null) return null;
    try {
      const payload = this.access.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload)) as Record<string, unknown>;
    } catch {
      return null;
    }
  }

  private async refreshOnce(): Promise<string> {
    const refreshToken = this.options.storage.getItem(REFRESH_TOKEN_KEY);
    if (refreshToken === null) {
      this.end();
      throw new SessionEndedError();
    }
    try {
      const tokens = await this.grant('/api/v1/auth/refresh', { refresh_token: refreshToken });
      this.accept(tokens, this.state === 'signed-in' ? 'refreshed' : 'signed-in');
      return tokens.access_token;
    } catch (e) {
      // 400 invalid_grant (spent, revoked or expired) and 401 mean the session is over; anything else may pass.
      if (e instanceof ApiError && (e.status === 400 || e.status === 401)) {
        this.end();
        throw new SessionEndedError(e.requestId);
      }
      if (this.state === 'signed-in') this.schedule(RETRY_MS);
      throw e;
    }
  }

  private async grant(path: string, body: Record<string, string>): Promise<TokenResponse> {
    let response: Response;
    try {
      response = await this.options.fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      throw offlineError();
    }
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as TokenResponse;
  }

  private accept(tokens: TokenResponse, event: TokenEvent): void {
    const issuedAt = this.now();
    this.access = tokens.access_token;
    this.expiresAt = issuedAt + tokens.expires_in * 1000;
    this.refreshDueAt = this.expiresAt - refreshLeadMs(tokens.expires_in);
    this.options.storage.setItem(REFRESH_TOKEN_KEY, tokens.refresh_token);
    this.state = 'signed-in';
    this.schedule(this.refreshDueAt - issuedAt);
    this.emit(event);
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      this.refresh().catch(() => undefined);
    }, Math.max(0, ms));
  }

  private forget(event: 'signed-out' | 'ended'): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
    this.access = null;
    this.refreshDueAt = 0;
    this.expiresAt = 0;
    this.options.storage.removeItem(REFRESH_TOKEN_KEY);
    this.state = event;
    this.emit(event);
  }

  private emit(event: TokenEvent): void {
    this.listeners.forEach((listener) => listener(event));
  }
}
