import type { ApiKey, KeyUsage } from '../../api/types';
import { formatTime } from '../../ui/format';
import { Query } from '../../ui/Query';
import { useKeyUsage } from './keysApi';

const count = new Intl.NumberFormat('en');

/** Per day: successful uses and each kind of refusal. */
function byDay(usage: KeyUsage): { date: string; success: number; refused: { outcome: string; count: number }[] }[] {
  const days = new Map<string, { date: string; success: number; refused: { outcome: string; count: number }[] }>();
  for (const d of usage.days) {
    const day = days.get(d.date) ?? { date: d.date, success: 0, refused: [] };
    if (d.outcome === 'success') day.success += d.count;
    else day.refused.push({ outcome: d.outcome, count: d.count });
    days.set(d.date, day);
  }
  return [...days.values()];
}

/** A key's last 90 days of use, and which addresses still use it (since its rotation, for a rotated key). */
export function KeyUsagePanel({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const usage = useKeyUsage(apiKey.id);
  const rotated = Boolean(apiKey.rotated_to);
  return (
    <div className="inline-form" role="group" aria-label={`Usage of ${apiKey.name}`}>
      <Query query={usage} label="usage">
        {(u) => (
          <>
            <h3>{rotated ? 'Still sending this old key' : 'Used from'} <span className="muted">since {formatTime(u.clients_since)}</span></h3>
            {u.clients.length === 0 ? <p className="muted" data-testid="no-clients">No successful calls since then.</p> : (
              <table className="usage-clients" aria-label={`Client addresses of ${apiKey.name}`}>
                <thead><tr><th scope="col">Client address</th><th scope="col">Calls</th><th scope="col">Last call</th></tr></thead>
                <tbody>
                  {u.clients.map((c) => (
                    <tr key={c.client_ip ?? 'unknown'}><th scope="row"><code>{c.client_ip ?? 'unknown'}</code></th>
                      <td>{count.format(c.count)}</td><td>{formatTime(c.last_used_at)}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
            <h3>Calls per day <span className="muted">(last 90 days, UTC)</span></h3>
            {u.days.length === 0 ? <p className="muted" data-testid="no-usage">No calls yet.</p> : (
              <table className="usage-days" aria-label={`Calls per day of ${apiKey.name}`}>
                <thead><tr><th scope="col">Day</th><th scope="col">Successful</th><th scope="col">Refused</th></tr></thead>
                <tbody>
                  {byDay(u).map((d) => (
                    <tr key={d.date}><th scope="row">{d.date}</th><td>{count.format(d.success)}</td>
                      <td>{d.refused.length === 0 ? '0' : d.refused.map((r) => `${count.format(r.count)} ${r.outcome.replace(/_/g, ' ')}`).join(', ')}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Query>
      <div className="actions">
        <button type="button" onClick={() => void usage.refetch()}>Refresh</button>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
