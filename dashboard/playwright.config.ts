import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the running stack (deploy/local/awx dashboard-test starts it): Debian's
 * Chromium, never a downloaded browser. One worker: the machine has two cores for the stack too.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: process.env.AWX_BASE_URL ?? 'http://127.0.0.1:8080',
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.AWX_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
