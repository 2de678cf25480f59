import { useMemo, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { EVENT_TYPES } from '../../api/types';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { usePage } from '../../ui/page';
import { useMe } from '../account';
import { useKeys } from '../keys/keysApi';
import { AuditTable } from './AuditTable';
import { ExportButton } from './ExportButton';
import { useAuditLog } from './auditApi';
import type { AuditFilters } from './auditQuery';

const FILTERS = ['type', 'outcome', 'actor', 'key', 'from', 'to'] as const;

export function AuditPage() {
  const heading = usePage('Audit log');
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const audit = useAuditLog(filters);
  const keys = useKeys();
  const selfId = useMe().data?.user.id;
  const keyNames = useMemo(() => new Map((keys.data?.data ?? []).map((k) => [k.id, k.name])), [keys.data]);
  const events = useMemo(() => audit.data?.pages.flatMap((p) => p.data) ?? [], [audit.data]);
  const filtered = FILTERS.some((f) => filters[f]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    FILTERS.forEach((f) => {
      const value = String(form.get(f) ?? '').trim();
      if (value) next.set(f, value);
    });
    setParams(next);
  }

  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>Audit log</h1>
        <div className="actions">
          <button type="button" onClick={() => void audit.refetch()} disabled={audit.isFetching}>Refresh</button>
          <ExportButton filters={filters} />
        </div>
      </div>
      <form className="filters" onSubmit={apply} aria-label="Filter events" key={params.toString()}>
        <div>
          <label htmlFor="f-type">Event type</label>
          <select id="f-type" name="type" defaultValue={filters.type ?? ''}>
            <option value="">Any</option>
            {EVENT_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-outcome">Outcome</label>
          <select id="f-outcome" name="outcome" defaultValue={filters.outcome ?? ''}>
            <option value="">Any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-actor">Actor ID</label>
          <input id="f-actor" name="actor" defaultValue={filters.actor ?? ''} placeholder="user or key id" />
        </div>
        <div>
          <label htmlFor="f-key">API key</label>
          <select id="f-key" name="key" defaultValue={filters.key ?? ''} aria-describedby="f-key-hint">
            <option value="">Any</option>
            {(keys.data?.data ?? []).map((k) => <option key={k.id} value={k.id}>{k.name} ({k.masked_key})</option>)}
          </select>
          <span id="f-key-hint" className="muted small">Events done with this key; wins over Actor ID.</span>
        </div>
        <div>
          <label htmlFor="f-from">From</label>
          <input id="f-from" name="from" type="datetime-local" defaultValue={filters.from ?? ''} />
        </div>
        <div>
          <label htmlFor="f-to">To (exclusive)</label>
          <input id="f-to" name="to" type="datetime-local" defaultValue={filters.to ?? ''} />
        </div>
        <div className="actions">
          <button type="submit" className="primary">Apply filters</button>
          {filtered && <button type="button" onClick={() => setParams(new URLSearchParams())}>Clear</button>}
        </div>
      </form>

      {audit.isPending && <p className="muted" role="status">Loading events…</p>}
      {audit.isError && <ErrorNotice error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.isSuccess && events.length === 0 && (
        <p className="empty">
          {filtered ? 'No event matches these filters. Widen the time range or clear the filters.'
            : 'No events yet. Sign-ins, token refreshes and key changes appear here within seconds.'}
        </p>
      )}
      {events.length > 0 && <AuditTable events={events} keyNames={keyNames} selfId={selfId} />}
      {audit.isFetchNextPageError && <ErrorNotice error={audit.error} />}
      {audit.hasNextPage && (
        <button type="button" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {audit.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </>
  );
}
