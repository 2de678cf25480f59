import { useState } from 'react';
import { ErrorNotice } from '../ui/ErrorNotice';
import { startSignIn } from './session';

export function SignInPage({ ended }: { ended: boolean }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <main className="sign-in">
      <h1>AgentWallex dashboard</h1>
      {ended && <p className="notice warning" role="status">Your session has ended. Sign in again to continue.</p>}
      <p>Manage your API keys, see where you are signed in, and review the audit log of your organization.</p>
      <button type="button" className="primary" onClick={() => startSignIn().catch(setError)}>Sign in with Google</button>
      {error !== null && <ErrorNotice error={error} />}
    </main>
  );
}
