import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

const KEYS = ['api-keys'];

/** The organization's keys, newest first (the API's largest page: 100). */
export function useKeys() {
  return useQuery({ queryKey: KEYS, queryFn: () => api.get<ApiKeyPage>('/api/v1/api-keys', { limit: 100 }) });
}

function useKeyMutation<V>(run: (vars: V) => Promise<ApiKey | void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    // The answer of create and rotate holds the full key: it stays with the caller, never in the cache.
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEYS }),
  });
}

export const useCreateKey = () => useKeyMutation((key: NewKey) => api.post<ApiKey>('/api/v1/api-keys', key));

export const useRotateKey = () =>
  useKeyMutation(({ id, graceSeconds }: { id: string; graceSeconds: number }) =>
    api.post<ApiKey>(`/api/v1/api-keys/${encodeURIComponent(id)}/rotate`, { grace_period_seconds: graceSeconds }));

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
