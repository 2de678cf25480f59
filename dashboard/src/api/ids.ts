/**
 * 128 random bits as 32 hex digits, for names that must not collide (a tab, a sign-in, an
 * Idempotency-Key). crypto.getRandomValues, unlike randomUUID, also works outside a secure context.
 */
export function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
