/** The public API's answers, as the dashboard reads them (snake_case as on the wire). */

export interface Me {
  type: string;
  user: { id: string; email: string; name?: string | null };
  organization: { id: string; name: string; plan: string };
  session?: Session;
}

export interface Session {
  id: string;
  created_at: string;
  expires_at?: string;
  last_refreshed_at?: string;
  client_ip?: string;
  user_agent?: string;
  current: boolean;
}

export type Environment = 'sandbox' | 'production';
export type KeyStatus = 'active' | 'rotating' | 'expired' | 'revoked';

export interface ApiKey {
  id: string;
  name: string;
  environment: Environment;
  scopes: string[];
  masked_key: string;
  ip_allowlist: string[];
  /** The allowlist is one the organization's plan no longer includes: still enforced, it can only be cleared. */
  ip_allowlist_frozen: boolean;
  /** Limits on successful calls; the API answers over them with 429 and the RateLimit headers. */
  rate_limits: RateLimit[];
  status: KeyStatus;
  created_at: string;
  created_by?: string | null;
  last_used_at?: string | null;
  last_used_ip?: string | null;
  expires_at?: string | null;
  revoked_at?: string | null;
  rotation_due_at: string;
  rotation_due: boolean;
  rotated_from?: string | null;
  rotated_to?: string | null;
  /** Only in the answer to create and rotate. */
  key?: string;
}

export interface RateLimit {
  /** As the RateLimit-Policy header names it: "1s", "1m", "1h", "1d", "90s"… */
  name: string;
  limit: number;
  window_seconds: number;
}

/** A key's uses: per day and outcome for 90 days, and the addresses using it since clients_since. */
export interface KeyUsage {
  key_id: string;
  from: string;
  to: string;
  days: { date: string; outcome: string; count: number }[];
  clients_since: string;
  clients: { client_ip?: string | null; count: number; last_used_at: string }[];
}

export interface ApiKeyPage {
  data: ApiKey[];
  has_more: boolean;
}

export interface AuditEvent {
  id: string;
  type: string;
  time: string;
  source?: string;
  subject?: string;
  org_id?: string;
  actor?: { type: string; id: string };
  outcome?: 'success' | 'failure';
  reason?: string;
  client_ip?: string;
  user_agent?: string;
  request_id?: string;
  /** `id` is null where the event concerns no single resource. */
  resource?: { type: string; id?: string | null };
  details?: Record<string, unknown>;
}

export interface AuditPage {
  data: AuditEvent[];
  has_more: boolean;
  next_cursor: string | null;
}

/** SPEC §3: the audit vocabulary. */
export const EVENT_TYPES = [
  'auth.login.succeeded', 'auth.login.failed', 'auth.token.exchanged', 'auth.token.exchange_failed',
  'auth.token.refreshed', 'auth.token.refresh_failed', 'auth.token.reuse_detected', 'auth.session.logged_out',
  'auth.session.revoked', 'auth.agent_token.issued', 'auth.organization.plan_changed', 'api_key.created', 'api_key.rotated', 'api_key.revoked',
  'api_key.updated', 'api_key.leaked', 'api_key.verification_failed', 'api_key.used', 'access.denied',
  'rate_limit.exceeded', 'audit.exported',
] as const;
