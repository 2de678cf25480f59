import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { challengeOf, newVerifier, signInUrl } from './pkce';

describe('PKCE', () => {
  it('verifiers are fresh, 43 to 128 characters of the unreserved alphabet', () => {
    const a = newVerifier();
    expect(a).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(newVerifier()).not.toBe(a);
  });

  it('the challenge is BASE64URL(SHA-256(verifier)) without padding (S256)', async () => {
    const verifier = newVerifier();
    expect(await challengeOf(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('sign-in returns to this origin\'s callback with the challenge', () => {
    const url = new URL(signInUrl('http://127.0.0.1:8080', 'abc'), 'http://127.0.0.1:8080');
    expect(url.pathname).toBe('/auth/google/redirect');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      return_to: 'http://127.0.0.1:8080/auth/callback', code_challenge: 'abc', code_challenge_method: 'S256',
    });
  });
});
