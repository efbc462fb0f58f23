import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/stack/browser';

/**
 * Chromium is launched for real (installed with apt first if missing, as root): no skip, so a machine where the
 * browser cannot be installed or launched fails here rather than later in a Web UI test.
 */
describe('launchChromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('launches Debian chromium headless and renders a page', async () => {
    expect(browser.isConnected()).toBe(true);
    expect(browser.version()).toMatch(/^\d+\./);
    const page = await browser.newPage();
    const html = '<html><head><title>adops check</title></head><body><h1 id="t">광고 운영 ok</h1></body></html>';
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    expect(await page.title()).toBe('adops check');
    expect(await page.locator('#t').textContent()).toBe('광고 운영 ok');
    expect(await page.evaluate<string>('navigator.userAgent')).toContain('HeadlessChrome');
    await page.close();
  });
});
