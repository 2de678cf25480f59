import { useState } from 'react';
import type { ApiKey } from '../../api/types';
import { formatTime, rotationText } from '../../ui/format';
import { Query } from '../../ui/Query';
import { CreateKeyForm } from './CreateKeyForm';
import { KeyActions } from './KeyActions';
import { NewKeyPanel } from './NewKeyPanel';
import { useKeys } from './keysApi';
import { describeLimits } from './rateLimits';

export function KeysPage() {
  const keys = useKeys();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ApiKey | null>(null);
  const reveal = (key: ApiKey) => {
    setCreating(false);
    setShown(key);
  };

  return (
    <>
      <div className="page-head">
        <h1>API keys</h1>
        {!creating && <button type="button" className="primary" onClick={() => { setShown(null); setCreating(true); }}>Create key</button>}
      </div>
      <p className="muted">Keys authenticate servers and SDKs with <code>X-API-Key</code>. Use sandbox keys while you build; rotate every key at least every 90 days.</p>
      {shown && <NewKeyPanel created={shown} onDone={() => setShown(null)} />}
      {creating && <CreateKeyForm onCreated={reveal} onCancel={() => setCreating(false)} />}
      <Query query={keys} label="keys">
        {(page) => page.data.length === 0 ? (
          <p className="empty">No API keys yet. Choose <strong>Create key</strong> to make a sandbox key for your first integration.</p>
        ) : (
          <table className="keys">
            <caption className="sr-only">API keys of this organization, newest first</caption>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Scopes</th><th scope="col">Created</th>
                <th scope="col">Last used</th><th scope="col">Rotation</th><th scope="col">Status</th><th scope="col">Actions</th></tr>
            </thead>
            <tbody>
              {page.data.map((key) => <KeyRow key={key.id} apiKey={key} onNewKey={reveal} />)}
            </tbody>
          </table>
        )}
      </Query>
    </>
  );
}

function KeyRow({ apiKey, onNewKey }: { apiKey: ApiKey; onNewKey: (key: ApiKey) => void }) {
  const live = apiKey.status === 'active' || apiKey.status === 'rotating';
  return (
    <tr data-key-id={apiKey.id}>
      <th scope="row">{apiKey.name} <span className={`badge env-${apiKey.environment}`}>{apiKey.environment}</span></th>
      <td><code>{apiKey.masked_key}</code></td>
      <td>{apiKey.scopes.map((s) => <code key={s} className="scope">{s}</code>)}</td>
      <td>{formatTime(apiKey.created_at)}</td>
      <td>
        {apiKey.last_used_at ? formatTime(apiKey.last_used_at) : 'never'}
        {apiKey.last_used_ip && <div className="muted">from <code>{apiKey.last_used_ip}</code></div>}
      </td>
      <td className={live && apiKey.rotation_due ? 'overdue' : undefined}>{live ? rotationText(apiKey.rotation_due_at) : '—'}</td>
      <td>
        <span className={`badge status-${apiKey.status}`}>{apiKey.status}</span>
        {apiKey.status === 'rotating' && apiKey.expires_at && <div className="muted">old key ends {formatTime(apiKey.expires_at)}</div>}
        {apiKey.ip_allowlist.length > 0 && <div className="muted">allowlist: {apiKey.ip_allowlist.join(', ')}</div>}
        {apiKey.ip_allowlist_frozen && (
          <div className="muted" data-testid="allowlist-frozen">
            Your plan no longer includes IP allowlists: this one is still enforced and can be cleared, not changed.
          </div>
        )}
        {apiKey.rate_limits.length > 0 && <div className="muted" data-testid="rate-limits">limits: {describeLimits(apiKey.rate_limits)}</div>}
      </td>
      <td><KeyActions apiKey={apiKey} onNewKey={onNewKey} /></td>
    </tr>
  );
}
