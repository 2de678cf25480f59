import { Fragment, useEffect, useState } from 'react';
import type { AuditEvent } from '../../api/types';
import { formatTime } from '../../ui/format';
import { markRendered } from './renderTiming';

/** An event's resource: its type and id, or the type alone where the event names no single one. */
export function resourceText(resource: AuditEvent['resource']): string {
  if (!resource) return '—';
  return resource.id ? `${resource.type} ${resource.id}` : resource.type;
}

/** `selfId` is the signed-in user's id: their own actions read "you". */
export function AuditTable({ events, keyNames, selfId }: { events: AuditEvent[]; keyNames: Map<string, string>; selfId?: string }) {
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => markRendered(), [events]);
  const actorOf = (e: AuditEvent) => {
    if (!e.actor) return '—';
    if (e.actor.type === 'user' && e.actor.id === selfId) return 'you';
    const name = e.actor.type === 'api_key' ? keyNames.get(e.actor.id) : undefined;
    return name ? `API key “${name}”` : `${e.actor.type} ${e.actor.id}`;
  };
  return (
    <table className="audit">
      <caption className="sr-only">Audit events, newest first</caption>
      <thead>
        <tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Outcome</th><th scope="col">Actor</th>
          <th scope="col">Resource</th><th scope="col">IP address</th><th scope="col"><span className="sr-only">Details</span></th></tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <Fragment key={e.id}>
            <tr>
              <td>{formatTime(e.time)}</td>
              <th scope="row"><code>{e.type}</code></th>
              <td><span className={`badge outcome-${e.outcome}`}>{e.outcome ?? '—'}</span>{e.reason && <div className="muted">{e.reason}</div>}</td>
              <td>{actorOf(e)}</td>
              <td>{resourceText(e.resource)}</td>
              <td>{e.client_ip ?? '—'}</td>
              <td>
                <button type="button" aria-expanded={open === e.id} aria-controls={`event-${e.id}`}
                  onClick={() => setOpen(open === e.id ? null : e.id)}>
                  Details<span className="sr-only"> of {e.type} at {formatTime(e.time)}</span>
                </button>
              </td>
            </tr>
            {open === e.id && (
              <tr id={`event-${e.id}`} className="detail">
                <td colSpan={7}><pre>{JSON.stringify(e, null, 2)}</pre></td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
