import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ApiKey } from '../../api/types';
import { formatTime, rotationText } from '../../ui/format';
import { useFocusAfterRender, usePage } from '../../ui/page';
import { Query } from '../../ui/Query';
import { CreateKeyForm } from './CreateKeyForm';
import { KeyActions } from './KeyActions';
import { NewKeyPanel } from './NewKeyPanel';
import { forgetRevealedKeys, useKeys } from './keysApi';
import { describeLimits } from './rateLimits';
import { canRotate } from './rotation';

/** The name cell of a key's row (focusable from script only). */
function rowHeaderOf(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`tr[data-key-id="${CSS.escape(id)}"] > th`);
}

export function KeysPage() {
  const heading = usePage('API keys');
  const queryClient = useQueryClient();
  const keys = useKeys();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ApiKey | null>(null);
  const createButton = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusAfterRender();
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const reveal = (key: ApiKey) => {
    setCreating(false);
    setShown(key);
  };
  // The full key goes from the page and from TanStack Query's mutation cache alike.
  const hideKey = () => {
    setShown(null);
    forgetRevealedKeys(queryClient);
  };
  // The key is stored: focus goes to its row, where it now is; to the page's heading while the list
  // is still reloading with it, or if it is not there.
  const stored = (id: string) => {
    hideKey();
    setFocusRow(id);
  };
  useEffect(() => {
    if (focusRow === null) return;
    const row = rowHeaderOf(focusRow);
    if (row !== null || !keys.isFetching) setFocusRow(null);
    (row ?? heading.current)?.focus();
  }, [focusRow, keys.data, keys.isFetching, heading]);
  const cancelCreate = () => {
    setCreating(false);
    focusLater(() => createButton.current);
  };

  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>API keys</h1>
        {!creating && <button type="button" className="primary" ref={createButton} onClick={() => { hideKey(); setCreating(true); }}>Create key</button>}
      </div>
      <p className="muted">Keys authenticate servers and SDKs with <code>X-API-Key</code>. Use sandbox keys while you build; rotate every key at least every 90 days.</p>
      {shown && <NewKeyPanel created={shown} onDone={() => stored(shown.id)} />}
      {creating && <CreateKeyForm onCreated={reveal} onCancel={cancelCreate} />}
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
  const header: RefObject<HTMLTableCellElement | null> = useRef(null);
  // A rotating key has been replaced: its successor's row carries the rotation date.
  const rotatable = canRotate(apiKey);
  return (
    <tr data-key-id={apiKey.id}>
      <th scope="row" ref={header} tabIndex={-1}>{apiKey.name} <span className={`badge env-${apiKey.environment}`}>{apiKey.environment}</span></th>
      <td><code>{apiKey.masked_key}</code></td>
      <td>{apiKey.scopes.map((s) => <code key={s} className="scope">{s}</code>)}</td>
      <td>{formatTime(apiKey.created_at)}</td>
      <td>
        {apiKey.last_used_at ? formatTime(apiKey.last_used_at) : 'never'}
        {apiKey.last_used_ip && <div className="muted">from <code>{apiKey.last_used_ip}</code></div>}
      </td>
      <td className={rotatable && apiKey.rotation_due ? 'overdue' : undefined}>
        {rotatable ? rotationText(apiKey.rotation_due_at) : apiKey.status === 'rotating' ? 'replaced' : '—'}
      </td>
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
      <td><KeyActions apiKey={apiKey} onNewKey={onNewKey} rowHeader={header} /></td>
    </tr>
  );
}
