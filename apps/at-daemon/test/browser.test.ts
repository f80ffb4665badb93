import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startOpenAICompatibleServer, type OpenAICompatibleServer } from '@kennel/llm-observability/testing';
import { startLocalAgent, type LocalAgent } from '@kennel/local-agent';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnDaemon, type DaemonProcess } from './daemon-process.js';

const CHROMIUM = '/usr/bin/chromium';
/** Generous: the whole suite shares 2 cores with other packages' tests. */
const POLL = { timeout: 15_000 };
const outputDir = fileURLToPath(new URL('../test-output/', import.meta.url));
/** The README's screenshot; refreshed only when asked (KENNEL_UPDATE_SCREENSHOT=1), so test runs leave the tree clean. */
const readmeScreenshot = fileURLToPath(new URL('../../../docs/screenshot.png', import.meta.url));

// Skipped only on a developer machine without chromium; in CI a missing browser is a failure.
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`browser test skipped: ${CHROMIUM} is missing (run scripts/ensure-chromium.sh); it never skips when CI is set`);

describe.skipIf(skip)('status page in chromium', () => {
  let agent: LocalAgent;
  let llm: OpenAICompatibleServer;
  let daemon: DaemonProcess;
  let browser: Browser;

  beforeAll(async () => {
    agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
    llm = await startOpenAICompatibleServer({ reply: 'canned browser-test reply', models: ['kennel-test-model'] });
    daemon = await spawnDaemon([], {
      DD_TRACE_AGENT_PORT: String(agent.ports.trace),
      DD_DOGSTATSD_PORT: String(agent.ports.statsd),
      KENNEL_DAEMON_LLM_URL: llm.baseURL,
      KENNEL_DAEMON_UPTIME_INTERVAL_MS: '1000',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await daemon?.stop();
    await llm?.close();
    await agent?.close();
  });

  test('shows status "running", the profiles, and a metric that updates after an API call', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 960 } });
    await page.goto(daemon.web);

    await expect.poll(() => page.textContent('#state'), POLL).toBe('running');
    await expect.poll(() => page.textContent('#agent'), POLL).toContain('agent reachable');
    await expect.poll(() => page.textContent('#chosen'), POLL).toBe('local-runtime');
    expect(await page.textContent('li[data-profile="local-runtime"]')).toContain('chosen');
    expect(await page.textContent('tr[data-plugin="metrics"] .state')).toBe('ready');

    const requests = 'tr[data-metric="daemon.api.requests"] .value';
    const valueNow = async () => Number((await page.locator(requests).count()) ? await page.textContent(requests) : 0);
    const before = await valueNow();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${daemon.api}/llm/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `hello ${i}` }) });
      expect(res.status).toBe(200);
    }
    await expect.poll(valueNow, POLL).toBeGreaterThanOrEqual(before + 3);
    await expect.poll(() => page.locator('tr[data-metric="llm.request.count"]').count(), POLL).toBe(1);
    // The chat requests' traces arrive too (dd-trace flushes on its own interval).
    await expect.poll(() => page.locator('tr[data-span="fastify.request"]').count(), POLL).toBeGreaterThanOrEqual(1);

    mkdirSync(outputDir, { recursive: true });
    const shot = `${outputDir}status-page.png`;
    await page.locator('tr[data-metric="daemon.api.requests"]').click(); // chart the metric that just moved
    await page.screenshot({ path: shot, fullPage: true });
    if (process.env.KENNEL_UPDATE_SCREENSHOT === '1') {
      mkdirSync(fileURLToPath(new URL('.', `file://${readmeScreenshot}`)), { recursive: true });
      copyFileSync(shot, readmeScreenshot);
    }
  });

  test('says "agent unreachable" when the agent is down', async () => {
    const lonely = await spawnDaemon(['--agent-api', 'http://127.0.0.1:9'], { DD_TRACE_AGENT_PORT: '9', DD_DOGSTATSD_PORT: '9' });
    try {
      const page = await browser.newPage();
      await page.goto(lonely.web);
      await expect.poll(() => page.textContent('#state'), POLL).toBe('running');
      await expect.poll(() => page.textContent('#agent'), POLL).toContain('agent unreachable');
    } finally {
      await lonely.stop();
    }
  });
});
