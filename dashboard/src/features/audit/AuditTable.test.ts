import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../api/types';
import { AuditTable, resourceText } from './AuditTable';

describe('audit table', () => {
  it('a resource without an id shows its type alone, never "null"', () => {
    expect(resourceText({ type: 'session', id: null })).toBe('session');
    expect(resourceText({ type: 'session' })).toBe('session');
    expect(resourceText({ type: 'api_key', id: 'key_1' })).toBe('api_key key_1');
    expect(resourceText(undefined)).toBe('—');
  });

  it('each Details button names the event it opens, and no cell reads "null"', () => {
    const event: AuditEvent = { id: 'evt_1', type: 'auth.session.logged_out', time: '2026-06-01T10:00:00Z', resource: { type: 'session', id: null } };
    const html = renderToStaticMarkup(createElement(AuditTable, { events: [event], keyNames: new Map() }));
    expect(html).toMatch(/<button[^>]*>Details<span class="sr-only"> of auth\.session\.logged_out at [^<]+<\/span><\/button>/);
    expect(html).toContain('<td>session</td>');
    expect(html).not.toContain('null');
  });
});
