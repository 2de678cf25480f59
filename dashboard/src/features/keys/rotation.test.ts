import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { ApiKey, KeyStatus } from '../../api/types';
import { KeyActions } from './KeyActions';
import { canRotate, rotationPlan } from './rotation';

// Hoisted above the imports: no tab, no sessionStorage in these tests.
vi.mock('../../auth/session', () => ({ api: {}, tokens: { claims: () => null } }));

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

function key(name: string, status: KeyStatus, dueInDays: number): ApiKey {
  return {
    id: `key_${name}`, name, environment: 'sandbox', scopes: ['agents:read'], masked_key: 'awx_sandbox_…abcd',
    ip_allowlist: [], ip_allowlist_frozen: false, rate_limits: [], status, created_at: '2026-01-01T00:00:00Z',
    rotation_due_at: new Date(NOW + dueInDays * DAY).toISOString(), rotation_due: dueInDays < 0,
  };
}

/** The buttons of a key's row, by their accessible names (visible label and the screen-reader text). */
function buttonsOf(apiKey: ApiKey): string[] {
  const html = renderToStaticMarkup(createElement(KeyActions, { apiKey, onNewKey: () => undefined, rowHeader: { current: null } }));
  return [...html.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
}

describe('rotation', () => {
  it('a key already rotated (rotating, in its grace period) offers no Rotate; an active key does', () => {
    expect(canRotate(key('old', 'rotating', -5))).toBe(false);
    expect(buttonsOf(key('old', 'rotating', -5))).not.toContain('Rotate old');
    expect(buttonsOf(key('new', 'active', 90))).toContain('Rotate new');
  });

  it('keys already rotated are not due for rotation; active keys in the window are, soonest first', () => {
    const keys = [key('fresh', 'active', 60), key('soon', 'active', 10), key('replaced', 'rotating', -3),
      key('overdue', 'active', -1), key('gone', 'revoked', -9)];
    expect(rotationPlan(keys, 30, NOW).due.map((k) => k.name)).toEqual(['overdue', 'soon']);
    expect(rotationPlan([key('replaced', 'rotating', -3), key('fresh', 'active', 60)], 30, NOW))
      .toEqual({ due: [], next: expect.objectContaining({ name: 'fresh' }) });
    expect(rotationPlan([key('replaced', 'rotating', -3)], 30, NOW)).toEqual({ due: [], next: undefined });
  });

  it('each row\'s buttons name the key they act on', () => {
    expect(buttonsOf(key('payments worker', 'active', 90))).toEqual([
      'Usage of payments worker', 'Rotate payments worker', 'IP allowlist of payments worker',
      'Rate limits of payments worker', 'Revoke payments worker',
    ]);
    expect(buttonsOf(key('old', 'revoked', 90))).toEqual(['Usage of old']);
  });
});
