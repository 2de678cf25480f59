import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { BrowserRouter, NavLink, Route, Routes, useLocation } from 'react-router';
import { ApiError } from '../api/errors';
import { CallbackPage } from '../auth/CallbackPage';
import { SignInPage } from '../auth/SignInPage';
import { tokens, useSessionStatus } from '../auth/session';
import { useMe } from '../features/account';
import { AuditPage } from '../features/audit/AuditPage';
import { KeysPage } from '../features/keys/KeysPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { SessionsPage } from '../features/sessions/SessionsPage';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import { ErrorNotice } from '../ui/ErrorNotice';
import { usePage, usePageTitle } from '../ui/page';

const queryClient = new QueryClient({
  defaultOptions: {
    // Calls go out even when the browser says it is offline, so the failure is shown (with its retry)
    // instead of a query paused without a word.
    queries: {
      networkMode: 'always',
      staleTime: 10_000,
      // Only passing failures are worth a second try; a 4xx answers the same again.
      retry: (count, error) => count < 2 && error instanceof ApiError && (error.offline || error.unavailable),
    },
    mutations: { networkMode: 'always' },
  },
});

// Another user's data never outlives a sign-out; a refreshed token may carry a new plan for /me.
tokens.subscribe((event) => {
  if (event === 'signed-out' || event === 'ended' || event === 'duplicate') queryClient.clear();
  if (event === 'refreshed') void queryClient.invalidateQueries({ queryKey: ['me'] });
});

// Back online: whatever failed while the browser was offline is fetched again without a click.
window.addEventListener('online', () => void queryClient.invalidateQueries());

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <ConnectionBanner />
        <Gate />
      </BrowserRouter>
    </QueryClientProvider>
  );
}

function Gate() {
  const status = useSessionStatus();
  const { pathname } = useLocation();
  if (pathname === '/auth/callback') return <CallbackPage />;
  if (status === 'restoring') return <Restoring />;
  if (status !== 'signed-in') return <SignInPage status={status} />;
  return <Shell />;
}

/** A reload: the tab's refresh token is traded for a new access token before anything is shown. */
function Restoring() {
  usePageTitle('Restoring your session');
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    tokens.restore().catch(setError);
  }, [attempt]);
  return (
    <main className="sign-in">
      <h1>AgentWallex dashboard</h1>
      {error === null ? <p role="status">Restoring your session…</p>
        : <ErrorNotice error={error} onRetry={() => { setError(null); setAttempt((n) => n + 1); }} />}
    </main>
  );
}

function Shell() {
  const me = useMe();
  const [signOutError, setSignOutError] = useState<unknown>(null);
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">AgentWallex</span>
        <nav aria-label="Main">
          <NavLink to="/" end>Overview</NavLink>
          <NavLink to="/keys">API keys</NavLink>
          <NavLink to="/sessions">Sessions</NavLink>
          <NavLink to="/audit">Audit log</NavLink>
        </nav>
        <span className="who">{me.data?.user.email}</span>
        <button type="button" onClick={() => tokens.signOut().catch(setSignOutError)}>Sign out</button>
      </header>
      <main id="main">
        {signOutError !== null && <ErrorNotice error={signOutError} />}
        <Routes>
          <Route path="/" element={<OverviewPage />} />
          <Route path="/keys" element={<KeysPage />} />
          <Route path="/sessions" element={<SessionsPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </>
  );
}

function NotFound() {
  const heading = usePage('Page not found');
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>Page not found</h1>
      <p>There is no such page. Use the menu above to go to your keys, sessions or audit log.</p>
    </>
  );
}
