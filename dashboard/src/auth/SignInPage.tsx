import { useState } from 'react';
import { ErrorNotice } from '../ui/ErrorNotice';
import { usePage } from '../ui/page';
import { startSignIn } from './session';
import type { SessionStatus } from './tokens';

export function SignInPage({ status }: { status: SessionStatus }) {
  const heading = usePage('Sign in');
  const [error, setError] = useState<unknown>(null);
  return (
    <main className="sign-in">
      <h1 ref={heading} tabIndex={-1}>AgentWallex dashboard</h1>
      {status === 'ended' && <p className="notice warning" role="status">Your session has ended. Sign in again to continue.</p>}
      {status === 'duplicate' && (
        <p className="notice warning" role="status" data-testid="duplicate-tab">
          This tab was opened from a tab that is signed in, and a session lives in one tab only. Keep using that
          tab, or sign in again here.
        </p>
      )}
      <p>Manage your API keys, see where you are signed in, and review the audit log of your organization.</p>
      <button type="button" className="primary" onClick={() => startSignIn().catch(setError)}>Sign in with Google</button>
      {error !== null && <ErrorNotice error={error} />}
    </main>
  );
}
