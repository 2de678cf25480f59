import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Session } from '../../api/types';
import { api, tokens } from '../../auth/session';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { describeClient, formatTime } from '../../ui/format';
import { Query } from '../../ui/Query';

const SESSIONS = ['sessions'];

export function SessionsPage() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS, queryFn: () => api.get<Session[]>('/api/v1/auth/sessions') });
  const [confirmAll, setConfirmAll] = useState(false);

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
      <h1>Sessions</h1>
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
                    <button type="button" disabled={endOne.isPending} onClick={() => endOne.mutate(s)}>
                      {s.current ? 'End (signs you out)' : 'End session'}
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
        {confirmAll ? (
          <div className="actions">
            <button type="button" className="danger" disabled={endAll.isPending} onClick={() => endAll.mutate()}>Yes, sign out everywhere</button>
            <button type="button" onClick={() => setConfirmAll(false)}>Cancel</button>
          </div>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirmAll(true)}>Sign out everywhere</button>
        )}
        {endAll.isError && <ErrorNotice error={endAll.error} />}
      </section>
    </>
  );
}
