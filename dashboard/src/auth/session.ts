import { useSyncExternalStore } from 'react';
import { createApiClient } from '../api/client';
import { challengeOf, newVerifier, signInUrl, VERIFIER_KEY } from './pkce';
import { TokenManager, type SessionLocks, type SessionStatus } from './tokens';

/**
 * The browser's Web Locks, which tell the tab holding a session from its copies. Missing before
 * Chrome 69, Firefox 96 and Safari 15.4, and outside a secure context (plain http other than
 * localhost): the tab then assumes it is alone rather than keep a second, message-based mechanism
 * with the holes this one closes; see the README ("Duplicated tabs").
 */
function sessionLocks(): SessionLocks | undefined {
  return typeof navigator === 'undefined' || navigator.locks === undefined ? undefined : navigator.locks;
}

/** The one token manager and API client of this tab. */
export const tokens = new TokenManager({ fetch: (...args) => fetch(...args), storage: window.sessionStorage, locks: sessionLocks() });
export const api = createApiClient(tokens);

export function useSessionStatus(): SessionStatus {
  return useSyncExternalStore((onChange) => tokens.subscribe(onChange), () => tokens.status());
}

/** "Sign in with Google": a fresh PKCE verifier for this round trip only, then auth-service's redirect. */
export async function startSignIn(): Promise<void> {
  const verifier = newVerifier();
  window.sessionStorage.setItem(VERIFIER_KEY, verifier);
  window.location.assign(signInUrl(window.location.origin, await challengeOf(verifier)));
}

/** The verifier of the sign-in in progress, removed as it is read: it serves one exchange. */
export function takeVerifier(): string | null {
  const verifier = window.sessionStorage.getItem(VERIFIER_KEY);
  window.sessionStorage.removeItem(VERIFIER_KEY);
  return verifier;
}
