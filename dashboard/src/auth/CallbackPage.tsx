import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorNotice } from '../ui/ErrorNotice';
import { usePageTitle } from '../ui/page';
import { takeExchangeCode } from './callback';
import { takeVerifier, tokens } from './session';

/** One exchange per page load, whatever React does with effects: the code is single-use. */
let exchange: Promise<void> | null = null;

function exchangeOnce(): Promise<void> {
  if (exchange === null) {
    const code = takeExchangeCode();
    const verifier = takeVerifier();
    exchange = code === null
      ? Promise.reject(new Error('This sign-in link was already used. Sign in again.'))
      : tokens.exchange(code, verifier);
  }
  return exchange;
}

export function CallbackPage() {
  usePageTitle('Signing you in');
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (tokens.status() === 'signed-in') {
      navigate('/', { replace: true });
      return;
    }
    exchangeOnce().then(() => navigate('/', { replace: true }), setError);
  }, [navigate]);
  return (
    <main className="sign-in">
      <h1>Signing you in…</h1>
      {error !== null && (
        <>
          <ErrorNotice error={error} />
          <button type="button" onClick={() => navigate('/', { replace: true })}>Back to sign-in</button>
        </>
      )}
    </main>
  );
}
