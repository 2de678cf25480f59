import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../api/types';
import { SessionsPage } from './SessionsPage';

// Hoisted above the imports: no tab, no sessionStorage in these tests.
vi.mock('../../auth/session', () => ({ api: {}, tokens: {} }));

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

describe('sessions page', () => {
  it('each End button names the session it ends: client, address and when it signed in', () => {
    const sessions: Session[] = [
      { id: 's1', created_at: '2026-06-01T08:00:00Z', client_ip: '203.0.113.7', user_agent: UA, current: true },
      { id: 's2', created_at: '2026-06-02T09:30:00Z', client_ip: '198.51.100.4', user_agent: UA, current: false },
    ];
    const client = new QueryClient();
    client.setQueryData(['sessions'], sessions);
    const html = renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(SessionsPage)));
    const names = [...html.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    expect(names.filter((n) => n.startsWith('End'))).toEqual([
      expect.stringMatching(/^End \(signs you out\) for Chrome on Linux at 203\.0\.113\.7, signed in .+2026/),
      expect.stringMatching(/^End session for Chrome on Linux at 198\.51\.100\.4, signed in .+2026/),
    ]);
  });
});
