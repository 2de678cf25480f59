// Renders the production build's audit log page in Debian's Chromium with a page of 100 events and
// prints the time from the data's arrival to the rendered table (the audit:render performance
// measure, see src/features/audit/renderTiming.ts), once per run: `node bench/audit-render.mjs RUNS`.
// The API is answered by this script so that only the browser's work is timed; the build is served
// from dist/ by a small static server with the dashboard's SPA routes.
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

const DIST = new URL('../dist/', import.meta.url).pathname;
const RUNS = Number(process.argv[2] ?? 10);
const TYPES = { '.html': 'text/html', '.js': 'application/javascript', '.css': 'text/css' };

const server = createServer(async (req, res) => {
  const path = req.url.split('?')[0];
  const file = path.startsWith('/assets/') ? path : '/index.html';
  try {
    const body = await readFile(join(DIST, file));
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const b64url = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const accessToken = `${b64url({ alg: 'ES256', typ: 'at+jwt' })}.${b64url({ sub: 'usr_bench', org_id: 'org_bench', plan: 'growth' })}.sig`;
const tokens = { access_token: accessToken, refresh_token: 'bench-refresh', token_type: 'Bearer', expires_in: 900, refresh_expires_in: 604800 };
const me = { type: 'user', user: { id: 'usr_bench', email: 'bench@example.com' }, organization: { id: 'org_bench', name: 'Bench', plan: 'growth' } };
const types = ['auth.token.refreshed', 'api_key.used', 'auth.login.succeeded', 'api_key.verification_failed', 'access.denied'];
const events = Array.from({ length: 100 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  type: types[i % types.length],
  time: new Date(Date.UTC(2026, 11, 1, 12, 0, 0) - i * 60_000).toISOString(),
  source: 'auth-service', subject: 'usr_bench', org_id: 'org_bench',
  actor: i % 2 ? { type: 'api_key', id: `key_${i % 7}` } : { type: 'user', id: 'usr_bench' },
  outcome: i % 5 === 3 ? 'failure' : 'success', reason: i % 5 === 3 ? 'NOT_FOUND' : undefined,
  client_ip: `203.0.113.${i}`, user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0', request_id: `req-${i}`,
  resource: { type: 'session', id: `ses_${i}` }, details: { count: i },
}));
const answers = {
  '/api/v1/auth/refresh': tokens,
  '/api/v1/auth/me': me,
  '/api/v1/api-keys': { data: [], has_more: false },
  '/api/v1/audit-logs': { data: events, has_more: true, next_cursor: 'next' },
};

const browser = await chromium.launch({
  executablePath: process.env.AWX_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const samples = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => sessionStorage.setItem('awx.refresh_token', 'bench-refresh'));
  await context.route('**/api/v1/**', (route) => {
    const body = answers[new URL(route.request().url()).pathname];
    return body ? route.fulfill({ json: body }) : route.fulfill({ status: 404, json: { title: 'Not Found', status: 404 } });
  });
  const page = await context.newPage();
  for (let run = 0; run < RUNS + 1; run++) {
    await page.goto(`${base}/audit`);
    await page.locator('table.audit tbody tr').nth(99).waitFor();
    const ms = await page.evaluate(async () => {
      for (let i = 0; i < 100 && performance.getEntriesByName('audit:render').length === 0; i++) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.getEntriesByName('audit:render').at(-1)?.duration ?? NaN;
    });
    if (run > 0) samples.push(ms); // the first run warms the browser's caches
  }
} finally {
  await browser.close();
  server.close();
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(JSON.stringify({ runs: samples.length, median_ms: +median.toFixed(1), max_ms: +samples.at(-1).toFixed(1), samples_ms: samples.map((s) => +s.toFixed(1)) }));
