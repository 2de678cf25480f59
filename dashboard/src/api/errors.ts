/**
 * Every failure the dashboard shows, in one shape: the problem document's title and request id
 * when the server sent one (RFC 9457), a status of 0 when no answer came at all.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly requestId?: string,
    readonly type?: string,
    readonly parameter?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
  }

  get offline(): boolean {
    return this.status === 0;
  }

  get unavailable(): boolean {
    return this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** A wait in words: seconds up to two minutes, then minutes (a part minute counting as one). */
export function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/**
 * What the user can do about a failure, where its status says more than the problem's own words:
 * no connection, a service away for a moment, or a limit reached (with the server's Retry-After).
 */
export function hintOf(e: ApiError): string | undefined {
  const retry = e.retryAfterSeconds ? `; try again in ${waitText(e.retryAfterSeconds)}` : '';
  if (e.offline) return 'You seem to be offline, or the AgentWallex API cannot be reached.';
  if (e.unavailable) return `The service is temporarily unavailable${retry}.`;
  if (e.status === 429) return `A limit has been reached${retry || '; try again later'}.`;
  return undefined;
}

/** The session is gone (refresh refused or signed out): the user has to sign in again. */
export class SessionEndedError extends ApiError {
  constructor(requestId?: string) {
    super(401, 'Your session has ended', 'Sign in again to continue.', requestId);
    this.name = 'SessionEndedError';
  }
}

export function offlineError(): ApiError {
  return new ApiError(0, 'No connection', 'The dashboard could not reach the AgentWallex API. Check your connection and try again.');
}

interface ProblemDocument {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  request_id?: unknown;
  parameter?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Reads a failed response into an ApiError; a body that is no problem document still yields status and request id. */
export async function errorOf(response: Response): Promise<ApiError> {
  let problem: ProblemDocument = {};
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json')) {
    try {
      problem = (await response.json()) as ProblemDocument;
    } catch {
      problem = {};
    }
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    text(problem.title) ?? (response.statusText || `HTTP ${response.status}`),
    text(problem.detail),
    text(problem.request_id) ?? response.headers.get('X-Request-Id') ?? undefined,
    text(problem.type),
    text(problem.parameter),
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}
