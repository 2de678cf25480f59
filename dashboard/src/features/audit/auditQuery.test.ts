import { describe, expect, it } from 'vitest';
import { queryOf } from './auditQuery';

describe('queryOf', () => {
  it('sends a datetime-local filter as the RFC 3339 instant it means', () => {
    const local = '2026-12-01T10:30';
    expect(queryOf({ from: local }).from).toBe(new Date(local).toISOString());
  });

  it('sends a filter that is no date as it is, for the API to refuse by name, instead of throwing in the page', () => {
    expect(() => queryOf({ from: 'yesterday' })).not.toThrow();
    expect(queryOf({ from: 'yesterday', to: '' })).toMatchObject({ from: 'yesterday', to: undefined });
  });

  it('names one key as the actor in place of the actor filter', () => {
    expect(queryOf({ actor: 'usr_1', key: 'key_1' }).actor_id).toBe('key_1');
  });
});
