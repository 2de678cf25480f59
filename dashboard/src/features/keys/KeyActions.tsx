import { useRef, useState, type FormEvent, type RefObject } from 'react';
import type { ApiKey } from '../../api/types';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useFocusAfterRender } from '../../ui/page';
import { allowlistRefusal, usePlan } from '../account';
import { parseAllowlist, submissionKeys, useRevokeKey, useRotateKey, useUpdateAllowlist, useUpdateRateLimits } from './keysApi';
import { KeyUsagePanel } from './KeyUsagePanel';
import { RateLimitFields } from './RateLimitFields';
import { limitsFromForm } from './rateLimits';
import { canRotate } from './rotation';

const GRACE_CHOICES = [
  { seconds: 0, label: 'End the old key at once' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86400, label: '24 hours (default)' },
  { seconds: 604800, label: '7 days (longest)' },
];

type Action = 'rotate' | 'revoke' | 'allowlist' | 'limits' | 'usage';

/** The visible label, then the key's name for screen readers: every row has these buttons. */
const BUTTONS: Record<Action, { label: string; named: (name: string) => string }> = {
  usage: { label: 'Usage', named: (name) => ` of ${name}` },
  rotate: { label: 'Rotate', named: (name) => ` ${name}` },
  allowlist: { label: 'IP allowlist', named: (name) => ` of ${name}` },
  limits: { label: 'Rate limits', named: (name) => ` of ${name}` },
  revoke: { label: 'Revoke', named: (name) => ` ${name}` },
};

/**
 * Rotate, revoke, allowlist and rate limits for one key; each opens a small form of its own under the
 * row. A form that closes gives focus back to the button that opened it; a revoked key's row takes it.
 */
export function KeyActions({ apiKey, onNewKey, rowHeader }: {
  apiKey: ApiKey;
  onNewKey: (key: ApiKey) => void;
  rowHeader: RefObject<HTMLElement | null>;
}) {
  const [open, setOpen] = useState<Action | null>(null);
  const openers = useRef<Partial<Record<Action, HTMLButtonElement | null>>>({});
  const focusLater = useFocusAfterRender();
  const toggle = (action: Action) => setOpen((current) => (current === action ? null : action));
  const close = () => {
    const opener = open;
    setOpen(null);
    focusLater(() => (opener ? openers.current[opener] : null));
  };
  const button = (action: Action, className?: string) => (
    <button type="button" className={className} aria-expanded={open === action} onClick={() => toggle(action)}
      ref={(element) => { openers.current[action] = element; }}>
      {BUTTONS[action].label}<span className="sr-only">{BUTTONS[action].named(apiKey.name)}</span>
    </button>
  );
  if (apiKey.status === 'revoked' || apiKey.status === 'expired') {
    // an ended key's history still matters: which deployments kept sending it
    return (
      <div className="key-actions">
        <div className="actions">{button('usage')}</div>
        {open === 'usage' && <KeyUsagePanel apiKey={apiKey} onClose={close} />}
      </div>
    );
  }
  return (
    <div className="key-actions">
      <div className="actions">
        {button('usage')}
        {/* a rotating key has its successor already: the API would answer 409 */}
        {canRotate(apiKey) && button('rotate')}
        {button('allowlist')}
        {button('limits')}
        {button('revoke', 'danger')}
      </div>
      {/* the new key's panel takes focus */}
      {open === 'rotate' && <RotateForm apiKey={apiKey} onDone={(key) => { setOpen(null); onNewKey(key); }} onCancel={close} />}
      {open === 'revoke' && (
        <RevokeConfirm apiKey={apiKey} onCancel={close} onRevoked={() => { setOpen(null); focusLater(() => rowHeader.current); }} />
      )}
      {open === 'allowlist' && <AllowlistForm apiKey={apiKey} onDone={close} />}
      {open === 'limits' && <RateLimitForm apiKey={apiKey} onDone={close} />}
      {open === 'usage' && <KeyUsagePanel apiKey={apiKey} onClose={close} />}
    </div>
  );
}

function RotateForm({ apiKey, onDone, onCancel }: { apiKey: ApiKey; onDone: (key: ApiKey) => void; onCancel: () => void }) {
  const rotate = useRotateKey();
  const [submission] = useState(() => submissionKeys());
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const graceSeconds = Number(new FormData(event.currentTarget).get('grace'));
    rotate.mutate(submission({ id: apiKey.id, graceSeconds }), { onSuccess: onDone });
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

function RevokeConfirm({ apiKey, onRevoked, onCancel }: { apiKey: ApiKey; onRevoked: () => void; onCancel: () => void }) {
  const revoke = useRevokeKey();
  const confirm = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusAfterRender();
  return (
    <div className="inline-form" role="group" aria-label={`Revoke ${apiKey.name}`}>
      <p>Revoke <strong>{apiKey.name}</strong>? Every call with it fails within seconds. This cannot be undone.</p>
      {revoke.isError && <ErrorNotice error={revoke.error} />}
      <div className="actions">
        {/* disabled while it runs, which takes focus away: a refusal gives it back */}
        <button type="button" className="danger" ref={confirm} disabled={revoke.isPending}
          onClick={() => revoke.mutate(apiKey.id, { onSuccess: onRevoked, onError: () => focusLater(() => confirm.current) })}>
          Yes, revoke this key
        </button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}

function AllowlistForm({ apiKey, onDone }: { apiKey: ApiKey; onDone: () => void }) {
  const update = useUpdateAllowlist();
  const refusal = allowlistRefusal(usePlan());
  const id = `allowlist-${apiKey.id}`;
  if (refusal) {
    // An allowlist kept from a better plan stays enforced; clearing it is always allowed (the server
    // takes an empty list on any plan), so addresses that changed never lock the key out for good.
    const clearable = apiKey.ip_allowlist.length > 0;
    return (
      <div className="inline-form">
        <p data-testid="allowlist-refusal">{refusal}</p>
        {clearable && <p className="muted">This key&apos;s allowlist is still enforced; you can clear it, not change it.</p>}
        {update.isError && <ErrorNotice error={update.error} />}
        <div className="actions">
          {clearable && (
            <button type="button" disabled={update.isPending}
              onClick={() => update.mutate({ id: apiKey.id, allowlist: [] }, { onSuccess: onDone })}>
              Clear allowlist
            </button>
          )}
          <button type="button" onClick={onDone}>Close</button>
        </div>
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
