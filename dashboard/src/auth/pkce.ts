/** RFC 7636 PKCE: the exchange code is only redeemable by the tab that started the sign-in. */

export const VERIFIER_KEY = 'awx.pkce_verifier';

function base64url(bytes: Uint8Array): string {
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 48 random bytes: 64 characters of the unreserved alphabet (RFC 7636 asks for 43 to 128). */
export function newVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(48)));
}

export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Where "Sign in with Google" goes: auth-service's redirect, back to this dashboard's callback. */
export function signInUrl(origin: string, challenge: string): string {
  const params = new URLSearchParams({
    return_to: `${origin}/auth/callback`,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `/auth/google/redirect?${params}`;
}
