import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiKey, Environment } from '../../api/types';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { allowlistRefusal, usePlan } from '../account';
import { SCOPES, offeredEnvironments, parseAllowlist, submissionKeys, useCreateKey, useKeyPolicy, type NewKey } from './keysApi';
import { RateLimitFields } from './RateLimitFields';
import { limitsFromForm } from './rateLimits';

const ENVIRONMENT_LABELS: Record<Environment, string> = {
  sandbox: 'Sandbox (test funds)',
  production: 'Production (real funds)',
};

export function CreateKeyForm({ onCreated, onCancel }: { onCreated: (key: ApiKey) => void; onCancel: () => void }) {
  const create = useCreateKey();
  const refusal = allowlistRefusal(usePlan());
  const [scopes, setScopes] = useState<string[]>([]);
  const [missingScope, setMissingScope] = useState(false);
  const [submission] = useState(() => submissionKeys());
  const environments = offeredEnvironments(useKeyPolicy().data);
  const [picked, setPicked] = useState<Environment | null>(null);
  const environment = picked !== null && environments.includes(picked) ? picked : environments[0];
  const name = useRef<HTMLInputElement>(null);
  // The "Create key" button that opened the form is gone: focus starts on the form's first field.
  useEffect(() => name.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (scopes.length === 0) {
      setMissingScope(true);
      return;
    }
    const form = new FormData(event.currentTarget);
    const expiry = String(form.get('expires') ?? '');
    const allowlist = parseAllowlist(String(form.get('allowlist') ?? ''));
    const limits = limitsFromForm(form);
    const key: NewKey = {
      name: String(form.get('name')).trim(),
      environment,
      scopes,
      ...(expiry ? { expires_at: `${expiry}T23:59:59Z` } : {}),
      ...(allowlist.length > 0 ? { ip_allowlist: allowlist } : {}),
      ...(limits.length > 0 ? { rate_limits: limits } : {}),
    };
    create.mutate(submission(key), { onSuccess: onCreated });
  }

  function toggle(scope: string, on: boolean) {
    setMissingScope(false);
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-key-heading">
      <h2 id="create-key-heading">Create an API key</h2>
      <label htmlFor="key-name">Name</label>
      <input id="key-name" name="name" ref={name} required maxLength={100} placeholder="e.g. payments worker" />

      <fieldset>
        <legend>Environment</legend>
        {environments.map((e) => (
          <label key={e}>
            <input type="radio" name="environment" value={e} checked={e === environment} onChange={() => setPicked(e)} />
            {' '}{ENVIRONMENT_LABELS[e]}
          </label>
        ))}
        {environments.length === 1 && (
          <p className="muted">This AgentWallex deployment creates {environments[0]} keys only.</p>
        )}
      </fieldset>

      <fieldset aria-describedby="scope-hint">
        <legend>Scopes</legend>
        <p id="scope-hint" className="muted">Minimum scope: tick only what this key's code calls. A key that only reads the audit log needs <code>audit:read</code> alone.</p>
        {SCOPES.map((s) => (
          <label key={s.name}>
            <input type="checkbox" name="scopes" value={s.name} checked={scopes.includes(s.name)}
              onChange={(e) => toggle(s.name, e.target.checked)} /> <code>{s.name}</code> — {s.what}
          </label>
        ))}
        {missingScope && <p className="field-error" role="alert">Choose at least one scope.</p>}
      </fieldset>

      {refusal ? (
        <p className="muted" data-testid="allowlist-refusal"><strong>IP allowlist:</strong> {refusal}</p>
      ) : (
        <>
          <label htmlFor="key-allowlist">IP allowlist (optional)</label>
          <textarea id="key-allowlist" name="allowlist" rows={3} aria-describedby="allowlist-hint" placeholder="203.0.113.0/24" />
          <p id="allowlist-hint" className="muted">One address or CIDR per line. Calls from anywhere else are refused.</p>
        </>
      )}

      <RateLimitFields idPrefix="new-key-limits" />

      <label htmlFor="key-expires">Expires (optional)</label>
      <input id="key-expires" name="expires" type="date" aria-describedby="expires-hint" />
      <p id="expires-hint" className="muted">The key stops working at the end of that day (UTC). Keys are due for rotation after 90 days either way.</p>

      {create.isError && <ErrorNotice error={create.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create key'}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
