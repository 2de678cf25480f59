import { ApiError, SessionEndedError, errorOf, offlineError } from '../api/errors';
import { randomId } from '../api/ids';

/** The body of a successful exchange or refresh (auth-service's token response). */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  refresh_expires_in: number;
}

/** 'duplicate': this tab was a copy of another live tab's session and left it to that tab. */
export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out' | 'ended' | 'duplicate';
export type TokenEvent = 'signed-in' | 'refreshed' | 'signed-out' | 'ended' | 'duplicate';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * What the tabs of this origin tell each other about a session (by its tag, never its tokens):
 * 'probe' asks whether another tab holds it, 'held' answers the asking tab, 'taken' says the sender
 * has just claimed it.
 */
export type TabMessage =
  | { kind: 'probe'; session: string; tab: string }
  | { kind: 'held'; session: string; tab: string; to: string }
  | { kind: 'taken'; session: string; tab: string };

/** A BroadcastChannel in the browser: delivered to the other tabs of this origin, not back to the sender. */
export interface TabChannel {
  post(message: TabMessage): void;
  listen(receive: (message: TabMessage) => void): void;
}

export interface TokenManagerOptions {
  fetch: typeof fetch;
  /** sessionStorage in the browser: the refresh token survives a reload of this tab and nothing else. */
  storage: StorageLike;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** How the tabs that hold a copy of the same session find each other; without it the tab assumes it is alone. */
  channel?: TabChannel;
  /** This tab's name on the channel (random by default). */
  tabId?: string;
  newId?: () => string;
}

export const REFRESH_TOKEN_KEY = 'awx.refresh_token';
/** A random name for one sign-in, the same in every tab that holds a copy of it (refresh tokens rotate; this does not). */
export const SESSION_TAG_KEY = 'awx.session_tag';
/** How long a tab that found a refresh token at start waits for another tab to say it holds the session. */
export const PROBE_MS = 400;
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
 *
 * "Duplicate tab" (and window.open) copies sessionStorage, refresh token included. Two tabs spending
 * the same refresh token is exactly what auth-service revokes the whole session for, so a tab only
 * spends a token it did not get itself after asking the other tabs (see claim()).
 */
export class TokenManager {
  private access: string | null = null;
  private refreshDueAt = 0;
  private expiresAt = 0;
  private inFlight: Promise<string> | null = null;
  private timer: unknown;
  private state: SessionStatus;
  /** This tab may spend the session's refresh token: it signed in here, or claimed the copy it found. */
  private holder = false;
  /** The claim being asked for, if any: `lost` gives the session up to another tab. */
  private probe: { lost: () => void } | null = null;
  /** Counts forget(): a refresh that started before a sign-out must not bring its tokens back. */
  private epoch = 0;
  private readonly tabId: string;
  private readonly newId: () => string;
  private readonly listeners = new Set<(event: TokenEvent) => void>();
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    this.newId = options.newId ?? randomId;
    this.tabId = options.tabId ?? this.newId();
    this.state = options.storage.getItem(REFRESH_TOKEN_KEY) ? 'restoring' : 'signed-out';
    options.channel?.listen((message) => this.hear(message));
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
   * After a reload: the refresh token kept in this tab's sessionStorage buys a new access token,
   * unless another live tab holds the same session (this tab is a copy): then the status becomes
   * 'duplicate' without a call. Offline or a server error leaves the status at 'restoring' (the
   * session may be fine) and throws.
   */
  async restore(): Promise<void> {
    if (this.state !== 'restoring') return;
    try {
      await this.refresh();
    } catch (e) {
      if (this.status() !== 'duplicate') throw e;
    }
  }

  async exchange(exchangeCode: string, codeVerifier: string): Promise<void> {
    const tokens = await this.grant('/api/v1/auth/exchange', { exchange_code: exchangeCode, code_verifier: codeVerifier });
    this.options.storage.setItem(SESSION_TAG_KEY, this.newId());
    this.holder = true;
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
    if (this.inFlight === null) {
      const refreshing = this.refreshOnce().finally(() => {
        if (this.inFlight === refreshing) this.inFlight = null;
      });
      this.inFlight = refreshing;
    }
    return this.inFlight;
  }

  /**
   * POST /api/v1/auth/logout for this session, then forget everything whatever the answer. Only the
   * server can end the session (and its refresh token, good for weeks), so an access token that
   * expired meanwhile (a laptop that slept) is refreshed first, and a 401 gets one refresh and a
   * second try.
   */
  async signOut(): Promise<void> {
    try {
      const access = this.access !== null && this.now() < this.expiresAt ? this.access : null;
      const response = await this.logout(access ?? await this.refresh());
      // A 401 for a token that looked valid (revoked, or the clocks disagree) gets one refresh and one
      // more try; a token refreshed just now and still refused means the session is over already.
      if (response.status === 401 && access !== null) await this.logout(await this.refresh());
    } catch {
      // Offline, or the refresh was refused (the session had ended): the tokens are dropped here anyway.
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
    const epoch = this.epoch;
    if (this.options.storage.getItem(REFRESH_TOKEN_KEY) === null) {
      this.end();
      throw new SessionEndedError();
    }
    if (!this.holder && !(await this.claim())) {
      // Another tab holds this session: this copy of its refresh token is never spent, only dropped.
      this.forget('duplicate');
      throw new SessionEndedError();
    }
    const refreshToken = this.options.storage.getItem(REFRESH_TOKEN_KEY);
    if (refreshToken === null || epoch !== this.epoch) throw new SessionEndedError();
    let tokens: TokenResponse;
    try {
      tokens = await this.grant('/api/v1/auth/refresh', { refresh_token: refreshToken });
    } catch (e) {
      // Signed out meanwhile: nothing left to end or to retry.
      if (epoch !== this.epoch) throw new SessionEndedError();
      // 400 invalid_grant (spent, revoked or expired) and 401 mean the session is over; anything else may pass.
      if (e instanceof ApiError && (e.status === 400 || e.status === 401)) {
        this.end();
        throw new SessionEndedError(e.requestId);
      }
      if (this.state === 'signed-in') this.schedule(RETRY_MS);
      throw e;
    }
    // Signed out while the refresh was in flight: its tokens must not sign this tab in again.
    if (epoch !== this.epoch) throw new SessionEndedError();
    this.accept(tokens, this.state === 'signed-in' ? 'refreshed' : 'signed-in');
    return tokens.access_token;
  }

  /**
   * Before this tab spends a refresh token it found in sessionStorage at start: asks the other tabs
   * whether one of them holds the same session (this tab would then be its copy). An answer within
   * PROBE_MS means no (the copy is dropped unspent); silence (a reload, a single tab) means yes, and
   * the other tabs are told, so a tab that could not answer in time (frozen in the background)
   * drops its copy when it wakes instead of spending it.
   */
  private claim(): Promise<boolean> {
    const { channel, storage } = this.options;
    let session = storage.getItem(SESSION_TAG_KEY);
    if (session === null) {
      // Signed in before tabs had tags: nothing to compare with, this tab takes it.
      session = this.newId();
      storage.setItem(SESSION_TAG_KEY, session);
    }
    if (channel === undefined) return Promise.resolve((this.holder = true));
    const tag = session;
    return new Promise((resolve) => {
      let timer: unknown;
      const settle = (won: boolean) => {
        if (this.probe === null) return;
        this.clearTimer(timer);
        this.probe = null;
        this.holder = won;
        if (won) channel.post({ kind: 'taken', session: tag, tab: this.tabId });
        resolve(won);
      };
      this.probe = { lost: () => settle(false) };
      timer = this.setTimer(() => settle(true), PROBE_MS);
      channel.post({ kind: 'probe', session: tag, tab: this.tabId });
    });
  }

  /** The other tabs' messages about the session this tab has a copy of. */
  private hear(message: TabMessage): void {
    const session = this.options.storage.getItem(SESSION_TAG_KEY);
    if (session === null || message.session !== session || message.tab === this.tabId) return;
    if (message.kind === 'probe') {
      // This tab holds the session, or asks for it at the same moment and wins the tie (the lower id).
      if (this.holder || (this.probe !== null && this.tabId < message.tab)) {
        this.options.channel?.post({ kind: 'held', session, tab: this.tabId, to: message.tab });
      }
    } else if (message.kind === 'held') {
      if (message.to === this.tabId) this.probe?.lost();
    } else if (this.probe !== null) {
      this.probe.lost();
    } else if (this.holder) {
      // A copy was claimed while this tab could not answer: the token here is spent, and spending
      // it again would make auth-service revoke the session for both tabs.
      this.forget('duplicate');
    }
  }

  private async logout(access: string): Promise<Response> {
    return this.options.fetch('/api/v1/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${access}` } });
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

  private forget(event: 'signed-out' | 'ended' | 'duplicate'): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
    this.epoch += 1;
    this.inFlight = null;
    this.holder = false;
    this.access = null;
    this.refreshDueAt = 0;
    this.expiresAt = 0;
    this.options.storage.removeItem(REFRESH_TOKEN_KEY);
    this.options.storage.removeItem(SESSION_TAG_KEY);
    this.state = event;
    this.emit(event);
  }

  private emit(event: TokenEvent): void {
    this.listeners.forEach((listener) => listener(event));
  }
}
