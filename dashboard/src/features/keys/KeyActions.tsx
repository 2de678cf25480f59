import { useState, type FormEvent } from 'react';
import type { ApiKey } from '../../api/types';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { allowlistRefusal, usePlan } from '../account';
import { parseAllowlist, useRevokeKey, useRotateKey, useUpdateAllowlist, useUpdateRateLimits } from './keysApi';
import { KeyUsagePanel } from './KeyUsagePanel';
import { RateLimitFields } from './RateLimitFields';
import { limitsFromForm } from './rateLimits';

const GRACE_CHOICES = [
  { seconds: 0, label: 'End the old key at once' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86400, label: '24 hours (default)' },
  { seconds: 604800, label: '7 days (longest)' },
];

type Action = 'rotate' | 'revoke' | 'allowlist' | 'limits' | 'usage' | null;

/** Rotate, revoke, allowlist and rate limits for one key; each opens a small form of its own under the row. */
export function KeyActions({ apiKey, onNewKey }: { apiKey: ApiKey; onNewKey: (key: ApiKey) => void }) {
  const [open, setOpen] = useState<Action>(null);
  const toggle = (action: Action) => setOpen((current) => (current === action ? null : action));
  const close = () => setOpen(null);
  const usage = <button type="button" aria-expanded={open === 'usage'} onClick={() => toggle('usage')}>Usage</button>;
  if (apiKey.status === 'revoked' || apiKey.status === 'expired') {
    // an ended key's history still matters: which deployments kept sending it
    return (
      <div className="key-actions">
        <div className="actions">{usage}</div>
        {open === 'usage' && <KeyUsagePanel apiKey={apiKey} onClose={close} />}
      </div>
    );
  }
  return (
    <div className="key-actions">
      <div className="actions">
        {usage}
        <button type="button" aria-expanded={open === 'rotate'} onClick={() => toggle('rotate')}>Rotate</button>
        <button type="button" aria-expanded={open === 'allowlist'} onClick={() => toggle('allowlist')}>IP allowlist</button>
        <button type="button" aria-expanded={open === 'limits'} onClick={() => toggle('limits')}>Rate limits</button>
        <button type="button" className="danger" aria-expanded={open === 'revoke'} onClick={() => toggle('revoke')}>Revoke</button>
      </div>
      {open === 'rotate' && <RotateForm apiKey={apiKey} onDone={(key) => { close(); onNewKey(key); }} onCancel={close} />}
      {open === 'revoke' && <RevokeConfirm apiKey={apiKey} onDone={close} />}
      {open === 'allowlist' && <AllowlistForm apiKey={apiKey} onDone={close} />}
      {open === 'limits' && <RateLimitForm apiKey={apiKey} onDone={close} />}
      {open === 'usage' && <KeyUsagePanel apiKey={apiKey} onClose={close} />}
    </div>
  );
}

function RotateForm({ apiKey, onDone, onCancel }: { apiKey: ApiKey; onDone: (key: ApiKey) => void; onCancel: () => void }) {
  const rotate = useRotateKey();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const graceSeconds = Number(new FormData(event.currentTarget).get('grace'));
    rotate.mutate({ id: apiKey.id, graceSeconds }, { onSuccess: (key) => onDone(key as ApiKey) });
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Rotate ${apiKey.name}`}>
      <fieldset>
        <legend>How long may the old key keep working?</legend>
        {GRACE_CHOICES.map((g) => (
          <label key={g.seconds}>
            <input type="radio" name="grace" value={g.seconds} defaultChecked={g.seconds === 86400} /> {g.label}
          </label>
        ))}
      </fieldset>
      <FormEnd mutation={rotate} submit="Rotate key" onCancel={onCancel} />
    </form>
  );
}

function RevokeConfirm({ apiKey, onDone }: { apiKey: ApiKey; onDone: () => void }) {
  const revoke = useRevokeKey();
  return (
    <div className="inline-form" role="group" aria-label={`Revoke ${apiKey.name}`}>
      <p>Revoke <strong>{apiKey.name}</strong>? Every call with it fails within seconds. This cannot be undone.</p>
      {revoke.isError && <ErrorNotice error={revoke.error} />}
      <div className="actions">
        <button type="button" className="danger" disabled={revoke.isPending} onClick={() => revoke.mutate(apiKey.id, { onSuccess: onDone })}>
          Yes, revoke this key
        </button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </div>
  );
}

function AllowlistForm({ apiKey, onDone }: { apiKey: ApiKey; onDone: () => void }) {
  const update = useUpdateAllowlist();
  const refusal = allowlistRefusal(usePlan());
  const id = `allowlist-${apiKey.id}`;
  if (refusal) {
    return (
      <div className="inline-form">
        <p data-testid="allowlist-refusal">{refusal}</p>
        <button type="button" onClick={onDone}>Close</button>
      </div>
    );
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const allowlist = parseAllowlist(String(new FormData(event.currentTarget).get('allowlist') ?? ''));
    update.mutate({ id: apiKey.id, allowlist }, { onSuccess: onDone });
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={id}>IP allowlist of {apiKey.name}</label>
      <textarea id={id} name="allowlist" rows={3} defaultValue={apiKey.ip_allowlist.join('\n')} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="muted">One address or CIDR per line; empty allows every address.</p>
      <FormEnd mutation={update} submit="Save allowlist" onCancel={onDone} />
    </form>
  );
}

function RateLimitForm({ apiKey, onDone }: { apiKey: ApiKey; onDone: () => void }) {
  const update = useUpdateRateLimits();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const limits = limitsFromForm(new FormData(event.currentTarget), apiKey.rate_limits);
    update.mutate({ id: apiKey.id, limits }, { onSuccess: onDone });
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Rate limits of ${apiKey.name}`}>
      <RateLimitFields idPrefix={`limits-${apiKey.id}`} current={apiKey.rate_limits} />
      <FormEnd mutation={update} submit="Save rate limits" onCancel={onDone} />
    </form>
  );
}

/** The end of each key form: the mutation's refusal, if any, then its submit button and Cancel. */
function FormEnd({ mutation, submit, onCancel }: {
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  submit: string;
  onCancel: () => void;
}) {
  return (
    <>
      {mutation.isError && <ErrorNotice error={mutation.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>{submit}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </>
  );
}
