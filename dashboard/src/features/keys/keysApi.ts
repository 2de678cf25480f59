import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/client';
import { randomId } from '../../api/ids';
import type { ApiKey, ApiKeyPage, Environment, KeyUsage } from '../../api/types';
import { api } from '../../auth/session';

export const SCOPES: { name: string; what: string }[] = [
  { name: 'agents:read', what: 'read agents' },
  { name: 'agents:write', what: 'create and change agents' },
  { name: 'wallets:read', what: 'read wallets and balances' },
  { name: 'wallets:write', what: 'create and change wallets' },
  { name: 'payments:write', what: 'send payments' },
  { name: 'audit:read', what: 'read the audit log' },
  { name: 'api_keys:write', what: 'manage API keys' },
];

export interface NewKey {
  name: string;
  environment: Environment;
  scopes: string[];
  expires_at?: string;
  ip_allowlist?: string[];
  rate_limits?: { limit: number; window_seconds: number }[];
}

export interface Rotation {
  id: string;
  graceSeconds: number;
}

const KEYS = ['api-keys'];
/** The mutations whose answer holds a full key: create and rotate. */
const REVEALS = ['api-keys', 'reveal'];
/** The API's largest page. */
export const KEY_PAGE_SIZE = 100;

/**
 * Every key of the organization, newest first: page after page (starting_after the last id) while
 * has_more says so. The oldest keys, the ones due for rotation, are on the last page.
 */
export async function listAllKeys(client: Pick<ApiClient, 'get'>): Promise<ApiKeyPage> {
  const data: ApiKey[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await client.get<ApiKeyPage>('/api/v1/api-keys', { limit: KEY_PAGE_SIZE, starting_after: after });
    data.push(...page.data);
    if (!page.has_more || page.data.length === 0) return { data, has_more: false };
    after = page.data[page.data.length - 1].id;
  }
}

/** What GET /api/v1/api-key-policy says about creating keys here. */
export interface KeyPolicy {
  key_environments?: string[];
}

/**
 * The environments to offer when creating a key, sandbox first: those this deployment creates keys
 * for (a production cluster makes production keys only; a sandbox key made there would work
 * nowhere). Without an answer yet, or from a server that does not say, both, as the API allows.
 */
export function offeredEnvironments(policy: KeyPolicy | undefined): Environment[] {
  const offered = (['sandbox', 'production'] as const).filter((e) => policy?.key_environments?.includes(e));
  return offered.length > 0 ? offered : ['sandbox', 'production'];
}

export function useKeyPolicy() {
  return useQuery({ queryKey: ['api-key-policy'], queryFn: () => api.get<KeyPolicy>('/api/v1/api-key-policy') });
}

export function useKeys() {
  return useQuery({ queryKey: KEYS, queryFn: () => listAllKeys(api) });
}

/** A form's submission and the Idempotency-Key that goes with it. */
export interface Submission<T> {
  body: T;
  idempotencyKey: string;
}

/**
 * One Idempotency-Key per submission of a form. The same thing sent again (a retry after a failure
 * whose answer may only have been lost) keeps its key, so the API answers with the first result
 * instead of making a second key or a second rotation; anything changed is a new submission.
 */
export function submissionKeys(newKey: () => string = randomId): <T>(body: T) => Submission<T> {
  let last: { json: string; key: string } | null = null;
  return (body) => {
    const json = JSON.stringify(body);
    if (last === null || last.json !== json) last = { json, key: newKey() };
    return { body, idempotencyKey: last.key };
  };
}

export function createKey(client: Pick<ApiClient, 'post'>, { body, idempotencyKey }: Submission<NewKey>): Promise<ApiKey> {
  return client.post<ApiKey>('/api/v1/api-keys', body, { 'Idempotency-Key': idempotencyKey });
}

export function rotateKey(client: Pick<ApiClient, 'post'>, { body, idempotencyKey }: Submission<Rotation>): Promise<ApiKey> {
  return client.post<ApiKey>(`/api/v1/api-keys/${encodeURIComponent(body.id)}/rotate`,
    { grace_period_seconds: body.graceSeconds }, { 'Idempotency-Key': idempotencyKey });
}

/**
 * The options of a mutation whose answer holds the full key. TanStack Query keeps a finished
 * mutation, answer included, in its MutationCache for gcTime after its form is gone (5 minutes by
 * default; reset() only detaches the form from it). gcTime 0 drops it as soon as the form closes,
 * and forgetRevealedKeys() whatever is left when the user has stored the key.
 */
export function revealingMutation<V>(queryClient: QueryClient, run: (vars: V) => Promise<ApiKey>) {
  return {
    mutationKey: REVEALS,
    gcTime: 0,
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEYS }),
  };
}

/** Removes every create and rotate mutation, with the full key in its answer, from the cache. */
export function forgetRevealedKeys(queryClient: QueryClient): void {
  const cache = queryClient.getMutationCache();
  cache.findAll({ mutationKey: REVEALS }).forEach((mutation) => cache.remove(mutation));
}

function useKeyMutation<V>(run: (vars: V) => Promise<ApiKey | void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEYS }),
  });
}

export const useCreateKey = () =>
  useMutation(revealingMutation(useQueryClient(), (submission: Submission<NewKey>) => createKey(api, submission)));

export const useRotateKey = () =>
  useMutation(revealingMutation(useQueryClient(), (submission: Submission<Rotation>) => rotateKey(api, submission)));

export const useRevokeKey = () => useKeyMutation((id: string) => api.delete(`/api/v1/api-keys/${encodeURIComponent(id)}`));

export const useUpdateAllowlist = () =>
  useKeyMutation(({ id, allowlist }: { id: string; allowlist: string[] }) =>
    api.patch<ApiKey>(`/api/v1/api-keys/${encodeURIComponent(id)}`, { ip_allowlist: allowlist }));

export const useUpdateRateLimits = () =>
  useKeyMutation(({ id, limits }: { id: string; limits: { limit: number; window_seconds: number }[] }) =>
    api.patch<ApiKey>(`/api/v1/api-keys/${encodeURIComponent(id)}`, { rate_limits: limits }));

/** A key's usage; uses reach it within about a minute. */
export function useKeyUsage(id: string) {
  return useQuery({ queryKey: [...KEYS, id, 'usage'], queryFn: () => api.get<KeyUsage>(`/api/v1/api-keys/${encodeURIComponent(id)}/usage`) });
}

/** One CIDR or address per line or comma. */
export function parseAllowlist(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}
