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
 * navigator.locks in the browser: exclusive locks by name, shared by every tab of this origin. A
 * document keeps its locks while it lives, frozen in the background included, and loses them when it
 * is closed or unloaded; nobody can take them from it (this app never asks with `steal`).
 */
export interface SessionLocks {
  /**
   * Calls `hold` once no other holder or earlier request is ahead (requests are served in the order
   * made) and keeps the lock, exclusive, until the promise `hold` returned settles. Rejects if
   * `signal` aborts before the lock is granted; after that, the abort changes nothing.
   */
  request(name: string, options: { signal: AbortSignal }, hold: () => Promise<void>): Promise<void>;
}

export interface TokenManagerOptions {
  fetch: typeof fetch;
  /** sessionStorage in the browser: the refresh token survives a reload of this tab and nothing else. */
  storage: StorageLike;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /**
   * Tells the tab that holds a session from its copies; without it (no Web Locks) the tab assumes it
   * is alone and spends the token it finds, as before duplicated tabs were told apart.
   */
  locks?: SessionLocks;
  newId?: () => string;
}

export const REFRESH_TOKEN_KEY = 'awx.refresh_token';
/** A random name for one sign-in, the same in every tab that holds a copy of it (refresh tokens rotate; this does not). */
export const SESSION_TAG_KEY = 'awx.session_tag';
/**
 * How long a tab that found a refresh token at start waits for its session's lock before it counts
 * as a copy of a live tab. A live holder never lets go, so waiting longer never lets a copy spend; it
 * only shows a copy "Restoring your session…" that long before its notice. A reload waits only until
 * its old document is discarded, which the browser does as the new one commits: usually before the new
 * one's script runs, otherwise within a fraction of a second. Too short a wait would take a slow
 * reload for a copy and drop its session (unspent: the user signs in again), so 2 s keeps a wide
 * margin on a busy machine at the cost of 2 s for a real copy.
 */
export const CLAIM_WAIT_MS = 2_000;
/** Retry a failed background refresh this much later (the access token may still be good). */
const RETRY_MS = 30_000;

/** The lock held by the tab that holds the session with this tag (see SESSION_TAG_KEY). */
export function sessionLockName(tag: string): string {
  return `awx.session:${tag}`;
}

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
 * the same refresh token is exactly what auth-service revokes the whole session for, so a tab spends
 * the token only while it holds the session's lock (see claim()), and keeps that lock until it lets
 * go of the session: a copy of a live tab never gets it, even while that tab is frozen in the background.
 */
export class TokenManager {
  private access: string | null = null;
  private refreshDueAt = 0;
  private expiresAt = 0;
  private inFlight: Promise<string> | null = null;
  private timer: unknown;
  private state: SessionStatus;
  /** This tab's claim on the session's lock: true once it holds it (until letGo()), false if another tab kept it. */
  private held: Promise<boolean> | null = null;
  /** Ends this tab's hold on the session's lock, or its wait for it. */
  private release: (() => void) | null = null;
  /** Counts letGo(): a refresh that started before a sign-out or a new sign-in must not bring its tokens back. */
  private epoch = 0;
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
   * After a reload: the refresh token kept in this tab's sessionStorage buys a new access token once
   * this tab holds the session's lock, unless another live tab kept the lock for CLAIM_WAIT_MS (this
   * tab is a copy): then the status becomes 'duplicate' without a call. Offline or a server error
   * leaves the status at 'restoring' (the session may be fine) and throws.
   */
  async restore(): Promise<void> {
    if (this.state !== 'restoring') return;
    try {
      await this.refresh();
    } catch (e) {
      if (this.status() !== 'duplicate') throw e;
    }
  }

  /**
   * Without a verifier of its own (the sign-in began at a plain link, not at this app's button) the
   * browser's cookie from auth-service's start carries it: sent by the same-origin request itself.
   */
  async exchange(exchangeCode: string, codeVerifier: string | null): Promise<void> {
    const body: Record<string, string> = { exchange_code: exchangeCode };
    if (codeVerifier !== null) body.code_verifier = codeVerifier;
    const tokens = await this.grant('/api/v1/auth/exchange', body);
    // A new session: whatever this tab held or was restoring before is over.
    this.letGo();
    this.options.storage.setItem(SESSION_TAG_KEY, this.newId());
    // Nobody else knows the new tag, so the lock is this tab's at once, and a copy made from now on
    // queues behind this request.
    this.held = this.claim();
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
    // Only letGo() gives the lock up, and it moves the epoch on: past the check below this tab holds
    // the lock while it spends the token, whatever the other tabs do or fail to do.
    const held = await (this.held ??= this.claim());
    if (epoch !== this.epoch) throw new SessionEndedError();
    if (!held) {
      // Another tab held this session throughout the wait: this copy of its refresh token is never spent, only dropped.
      this.forget('duplicate');
      throw new SessionEndedError();
    }
    const refreshToken = this.options.storage.getItem(REFRESH_TOKEN_KEY);
    if (refreshToken === null) throw new SessionEndedError();
    let tokens: TokenResponse;
    try {
      tokens = await this.spend(refreshToken, epoch);
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
   * POST /api/v1/auth/refresh, asked once more at once when its answer may have been lost after the
   * server rotated the token (no connection mid-request, a gateway's 5xx): inside auth-service's reuse
   * grace (10 s) the second use gets the same successor, while a retry RETRY_MS later would count as
   * theft and end the session.
   */
  private async spend(refreshToken: string, epoch: number): Promise<TokenResponse> {
    const ask = () => this.grant('/api/v1/auth/refresh', { refresh_token: refreshToken });
    try {
      return await ask();
    } catch (e) {
      const answerMayBeLost = e instanceof ApiError && (e.status === 0 || e.status >= 500);
      if (!answerMayBeLost || epoch !== this.epoch) throw e;
      return ask();
    }
  }

  /**
   * Asks for the lock of the session named by this tab's tag and keeps it until letGo(). True once
   * it is this tab's (it signed in here, or it is alone with its copy: a reload, or the original is
   * gone); false if another tab still held it after CLAIM_WAIT_MS, which a live tab does for as long
   * as it lives, frozen or not, while a reloaded tab's old document lets go of it as it is discarded.
   */
  private claim(): Promise<boolean> {
    const { locks, storage } = this.options;
    let tag = storage.getItem(SESSION_TAG_KEY);
    if (tag === null) {
      // Signed in before tabs had tags: nothing to compare with, this tab takes it.
      tag = this.newId();
      storage.setItem(SESSION_TAG_KEY, tag);
    }
    if (locks === undefined) return Promise.resolve(true);
    const wait = new AbortController();
    const timer = this.setTimer(() => wait.abort(), CLAIM_WAIT_MS);
    let unlock = () => {};
    const release = () => {
      this.clearTimer(timer);
      wait.abort();
      unlock();
    };
    this.release = release;
    return new Promise((resolve) => {
      locks.request(sessionLockName(tag), { signal: wait.signal }, () => {
        this.clearTimer(timer);
        // Granted after this tab let go of the session (signed out while waiting): straight back.
        if (this.release !== release) {
          resolve(false);
          return Promise.resolve();
        }
        resolve(true);
        return new Promise<void>((done) => (unlock = done));
      }).catch(() => resolve(false));
    });
  }

  /** Gives up the session's lock (or the wait for it) and voids every refresh started before. */
  private letGo(): void {
    this.epoch += 1;
    this.inFlight = null;
    this.release?.();
    this.release = null;
    this.held = null;
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
    try {
      return (await response.json()) as TokenResponse;
    } catch {
      // The headers came, the body broke off: the server has granted (a refresh has rotated), so this
      // counts as an answer lost on the way, to be asked again at once inside the reuse grace.
      throw offlineError();
    }
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
    this.letGo();
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
