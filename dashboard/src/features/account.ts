import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Me } from '../api/types';
import { api, tokens } from '../auth/session';

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => api.get<Me>('/api/v1/auth/me') });
}

/**
 * The plan the services enforce is the one in the access token; /me reads the database. When they
 * differ (the plan changed since sign-in) the token is refreshed, which carries the new plan.
 */
export function usePlan(): string | undefined {
  const stored = useMe().data?.organization.plan;
  const inToken = tokens.claims()?.plan as string | undefined;
  useEffect(() => {
    if (stored && inToken && stored !== inToken) tokens.refresh().catch(() => undefined);
  }, [stored, inToken]);
  return inToken ?? stored;
}

export const ALLOWLIST_PLANS = ['growth', 'enterprise'];

export function allowlistRefusal(plan: string | undefined): string | null {
  if (plan === undefined || ALLOWLIST_PLANS.includes(plan)) return null;
  return `IP allowlists are available on the Growth and Enterprise plans; this organization is on the ${plan} plan.`;
}
