import type { ApiKey } from '../../api/types';
import { daysUntil } from '../../ui/format';

/**
 * Whether a key can still be rotated. A 'rotating' key has been replaced already (its successor is
 * the active key; the API answers 409 "already rotated") and only serves out its grace period.
 */
export function canRotate(key: ApiKey): boolean {
  return key.status === 'active';
}

/** The keys to rotate within `windowDays`, soonest first; when there are none, the next one due. */
export function rotationPlan(keys: ApiKey[], windowDays: number, now = Date.now()): { due: ApiKey[]; next?: ApiKey } {
  const rotatable = keys.filter(canRotate).sort((a, b) => a.rotation_due_at.localeCompare(b.rotation_due_at));
  const due = rotatable.filter((k) => daysUntil(k.rotation_due_at, now) <= windowDays);
  return { due, next: due.length === 0 ? rotatable[0] : undefined };
}
