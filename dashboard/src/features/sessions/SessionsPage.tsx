import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Session } from '../../api/types';
import { api, tokens } from '../../auth/session';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { describeClient, formatTime } from '../../ui/format';
import { useFocusAfterRender, usePage } from '../../ui/page';
import { Query } from '../../ui/Query';

const SESSIONS = ['sessions'];

/** Which session a row's button ends, for screen readers: the rows' buttons all read the same. */
export function sessionName(session: Session): string {
  return `${describeClient(session.user_agent)}${session.client_ip ? ` at ${session.client_ip}` : ''}, signed in ${formatTime(session.created_at)}`;
}

export function SessionsPage() {
  const heading = usePage('Sessions');
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS, queryFn: () => api.get<Session[]>('/api/v1/auth/sessions') });
  const [confirmAll, setConfirmAll] = useState(false);
  const everywhere = useRef<HTMLButtonElement>(null);
  const cancelAll = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusAfterRender();

  const endOne = useMutation({
    mutationFn: (session: Session) => api.delete(`/api/v1/auth/sessions/${encodeURIComponent(session.id)}`),
    // Ending this tab's own session signs it out; any other is just gone from the list.
    onSuccess: (_, session) => (session.current ? tokens.end() : queryClient.invalidateQueries({ queryKey: SESSIONS })),
  });
  const endAll = useMutation({
    mutationFn: () => api.delete('/api/v1/auth/sessions'),
    onSuccess: () => tokens.end(),
  });

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>Sessions</h1>
      <p className="muted">Every browser or app signed in as you. End any you do not recognise.</p>
      <Query query={sessions} label="sessions">
        {(list) => list.length === 0 ? (
          <p className="empty">No active sessions. Sign in again to start one.</p>
        ) : (
          <table>
            <caption className="sr-only">Your active sessions</caption>
            <thead>
              <tr><th scope="col">Client</th><th scope="col">IP address</th><th scope="col">Signed in</th>
                <th scope="col">Last used</th><th scope="col">Ends</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id}>
                  <th scope="row" title={s.user_agent}>{describeClient(s.user_agent)} {s.current && <span className="badge">this browser</span>}</th>
                  <td>{s.client_ip ?? '—'}</td>
                  <td>{formatTime(s.created_at)}</td>
                  <td>{formatTime(s.last_refreshed_at ?? s.created_at)}</td>
                  <td>{formatTime(s.expires_at)}</td>
                  <td>
                    {/* Its row goes: focus moves to the page's heading (or back to the button if it was refused). */}
                    <button type="button" disabled={endOne.isPending} onClick={(event) => {
                      const button = event.currentTarget;
                      endOne.mutate(s, { onSuccess: () => focusLater(() => heading.current), onError: () => focusLater(() => button) });
                    }}>
                      {s.current ? 'End (signs you out)' : 'End session'}<span className="sr-only"> for {sessionName(s)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Query>
      {endOne.isError && <ErrorNotice error={endOne.error} />}

      <section className="panel" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">Sign out everywhere</h2>
        <p>Ends every session above, this one included. Access tokens already issued stop working within seconds.</p>
        {/* The button that asks is replaced by the question: focus goes to its safe answer, and back. */}
        {confirmAll ? (
          <div className="actions">
            <button type="button" className="danger" disabled={endAll.isPending}
              onClick={() => endAll.mutate(undefined, { onError: () => focusLater(() => cancelAll.current) })}>Yes, sign out everywhere</button>
            <button type="button" ref={cancelAll} onClick={() => { setConfirmAll(false); focusLater(() => everywhere.current); }}>Cancel</button>
          </div>
        ) : (
          <button type="button" className="danger" ref={everywhere} onClick={() => { setConfirmAll(true); focusLater(() => cancelAll.current); }}>
            Sign out everywhere
          </button>
        )}
        {endAll.isError && <ErrorNotice error={endAll.error} />}
      </section>
    </>
  );
}
