import { ApiError, hintOf } from '../api/errors';

/** Any failure, the way support needs it: the problem's title, what to do, and the request id. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  // Anything but an API's answer is the dashboard's own fault: its text means nothing to the user.
  const e = error instanceof ApiError ? error
    : new ApiError(-1, 'Something went wrong', 'The dashboard could not show this. Reload the page and try again.');
  const hint = hintOf(e);
  return (
    <div className="notice error" role="alert">
      <p className="notice-title">{e.title}{e.status > 0 ? ` (${e.status})` : ''}</p>
      {e.detail && <p>{e.detail}</p>}
      {hint && <p>{hint}</p>}
      {e.requestId && <p className="muted">Request ID: <code>{e.requestId}</code></p>}
      {onRetry && <button type="button" onClick={onRetry}>Try again</button>}
    </div>
  );
}
