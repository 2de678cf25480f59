import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ApiKey, AuditEvent, AuditPage } from '../../api/types';
import { api } from '../../auth/session';
import { formatTime, rotationText } from '../../ui/format';
import { usePage } from '../../ui/page';
import { Query } from '../../ui/Query';
import { useMe, usePlan } from '../account';
import { useKeys } from '../keys/keysApi';
import { rotationPlan } from '../keys/rotation';

/** Keys this close to their 90-day rotation date are listed. */
const ROTATION_WINDOW_DAYS = 30;

/** The events a security review starts from. */
const SECURITY_TYPES = ['auth.login.failed', 'auth.token.reuse_detected', 'api_key.revoked', 'api_key.leaked', 'access.denied'];

function useSecurityEvents() {
  return useQuery({
    queryKey: ['audit', 'security'],
    queryFn: async () => {
      // The API takes one type per query; four small pages, merged newest first.
      const pages = await Promise.all(SECURITY_TYPES.map((type) => api.get<AuditPage>('/api/v1/audit-logs', { type, limit: 5 })));
      return pages.flatMap((p) => p.data).sort((a, b) => b.time.localeCompare(a.time)).slice(0, 10);
    },
  });
}

export function OverviewPage() {
  const me = useMe();
  const plan = usePlan();
  const heading = usePage('Overview');
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>Overview</h1>
      <section className="panel" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <Query query={me} label="your account">
          {(m) => (
            <dl className="facts">
              <dt>Organization</dt><dd>{m.organization.name} <span className="muted">(<span data-testid="org-id">{m.organization.id}</span>)</span></dd>
              <dt>Plan</dt><dd data-testid="plan">{plan ?? m.organization.plan}</dd>
              <dt>Signed in as</dt><dd>{m.user.name ? `${m.user.name} · ` : ''}{m.user.email}</dd>
              {m.session && <><dt>Session started</dt><dd>{formatTime(m.session.created_at)}</dd></>}
            </dl>
          )}
        </Query>
      </section>
      <RotationDue />
      <SecurityEvents />
    </>
  );
}

function RotationDue() {
  const keys = useKeys();
  return (
    <section className="panel" aria-labelledby="rotation-heading">
      <h2 id="rotation-heading">Keys due for rotation</h2>
      <Query query={keys} label="keys">
        {(page) => {
          const live = page.data.filter((k) => k.status === 'active' || k.status === 'rotating');
          if (live.length === 0) {
            return <p className="empty">No API keys yet. <Link to="/keys">Create your first key</Link> to call the API from your servers.</p>;
          }
          // Keys already rotated are left out: their successor is the one to watch.
          const { due, next } = rotationPlan(page.data, ROTATION_WINDOW_DAYS);
          if (due.length === 0) {
            return (
              <p className="empty">
                No key is due in the next {ROTATION_WINDOW_DAYS} days.
                {next && <> The next is “{next.name}”, {rotationText(next.rotation_due_at)}.</>}
              </p>
            );
          }
          return (
            <ul className="plain">
              {due.map((k: ApiKey) => (
                <li key={k.id} className={k.rotation_due ? 'overdue' : undefined}>
                  <strong>{k.name}</strong> <code>{k.masked_key}</code> — {rotationText(k.rotation_due_at)}{' '}
                  (<Link to="/keys">rotate<span className="sr-only"> {k.name}</span></Link>)
                </li>
              ))}
            </ul>
          );
        }}
      </Query>
    </section>
  );
}

function SecurityEvents() {
  const events = useSecurityEvents();
  return (
    <section className="panel" aria-labelledby="security-heading">
      <h2 id="security-heading">Recent security events</h2>
      <p className="muted">Failed logins, refresh-token reuse, revoked keys and denied access.</p>
      <Query query={events} label="security events">
        {(list: AuditEvent[]) => list.length === 0 ? (
          <p className="empty">Nothing to review. The <Link to="/audit">audit log</Link> has every event.</p>
        ) : (
          <ul className="plain">
            {list.map((e) => (
              <li key={e.id}>
                {formatTime(e.time)} — <code>{e.type}</code>{e.reason ? ` (${e.reason})` : ''}{e.client_ip ? ` from ${e.client_ip}` : ''}{' '}
                <Link to={`/audit?type=${encodeURIComponent(e.type)}`}>see all</Link>
              </li>
            ))}
          </ul>
        )}
      </Query>
    </section>
  );
}
