import { useState } from 'react';
import { ApiError } from '../../api/errors';
import { api } from '../../auth/session';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { queryOf, type AuditFilters } from './auditApi';

/**
 * Downloads GET /api/v1/audit-logs/export with the current filters, as NDJSON (what the offline
 * verifier checks against the signed checkpoints) or CSV (for spreadsheets). The export needs the
 * access token, so it is fetched, not linked. Servers without the endpoint answer 404: the buttons
 * then go away for the rest of this visit.
 */
let exportMissing = false;

export function ExportButton({ filters }: { filters: AuditFilters }) {
  const [state, setState] = useState<'idle' | 'busy' | 'missing'>(exportMissing ? 'missing' : 'idle');
  const [error, setError] = useState<unknown>(null);
  if (state === 'missing') return <p className="muted small">Export is not available on this server.</p>;

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
        exportMissing = true;
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
