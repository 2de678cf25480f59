import { useSyncExternalStore } from 'react';
import { createApiClient } from '../api/client';
import { challengeOf, newVerifier, signInUrl, VERIFIER_KEY } from './pkce';
import { TokenManager, type SessionStatus, type TabChannel, type TabMessage } from './tokens';

/** The tabs of this origin, for telling whether another one holds the session this tab has a copy of. */
function tabChannel(): TabChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel('awx.session');
  return {
    post: (message) => channel.postMessage(message),
    listen: (receive) => {
      channel.onmessage = (event: MessageEvent<TabMessage>) => {
        if (typeof event.data === 'object' && event.data !== null) receive(event.data);
      };
    },
  };
}

/** The one token manager and API client of this tab. */
export const tokens = new TokenManager({ fetch: (...args) => fetch(...args), storage: window.sessionStorage, channel: tabChannel() });
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
