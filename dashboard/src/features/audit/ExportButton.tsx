import { useState } from 'react';
import { ApiError } from '../../api/errors';
import { api } from '../../auth/session';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { queryOf, type AuditFilters } from './auditQuery';

/**
 * Downloads GET /api/v1/audit-logs/export with the current filters, as NDJSON (what the offline
 * verifier checks against the signed checkpoints) or CSV (for spreadsheets). The export needs the
 * access token, so it is fetched, not linked. Servers without the endpoint answer 404: the buttons
 * then give way to a note while the audit log page stays open; the next visit of the page asks again
 * (the server may have been mid-deployment).
 */
export function ExportButton({ filters }: { filters: AuditFilters }) {
  const [state, setState] = useState<'idle' | 'busy' | 'missing'>('idle');
  const [error, setError] = useState<unknown>(null);
  if (state === 'missing') return <p className="muted small" role="status">Export is not available on this server.</p>;

  async function download(format: 'ndjson' | 'csv') {
    setState('busy');
    setError(null);
    try {
      const blob = await api.download('/api/v1/audit-logs/export', { ...queryOf(filters), format });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `audit-log.${format}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setState('idle');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        setState('missing');
      } else {
        setError(e);
        setState('idle');
      }
    }
  }
  return (
    <div>
      <button type="button" onClick={() => download('ndjson')} disabled={state === 'busy'}>Export (download)</button>{' '}
      <button type="button" onClick={() => download('csv')} disabled={state === 'busy'}>Export CSV</button>
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
