/**
 * The exchange code arrives in the address bar of /auth/callback. It is taken out of the URL and
 * out of the history entry before anything else runs (main.tsx calls this first), so it never
 * sits in history, a bookmark, a screenshot or a later Referer.
 */
let captured: string | null = null;

export function captureExchangeCode(): void {
  if (window.location.pathname !== '/auth/callback') return;
  const url = new URL(window.location.href);
  const code = url.searchParams.get('exchange_code');
  if (code === null) return;
  url.searchParams.delete('exchange_code');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  captured = code;
}

/** The captured code, handed out once: exchange codes are single-use. */
export function takeExchangeCode(): string | null {
  const code = captured;
  captured = null;
  return code;
}
