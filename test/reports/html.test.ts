import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reports/html';
import { escapeHtml } from '../../src/reports/html-escape';
import { renderPdf } from '../../src/reports/pdf';
import { launchChromium } from '../../src/stack/browser';
import { REPORT } from './fixture';

/** Screenshots and the PDF are kept for a human to look at (test-artifacts/ is git-ignored). */
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/reports');

let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens the HTML at a width, collecting console errors, page errors and any network request it makes. */
async function open(html: string, width: number): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => (r.url().startsWith('data:') ? undefined : requests.push(r.url())));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, errors, requests };
}

describe('HTML report', () => {
  it('escapes text from the platforms', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    const html = renderHtml(REPORT, 'en-US');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; US &#38; &#34;Global&#34;');
  });

  it('renders in Chromium without errors or requests, with both charts per currency and Korean labels', async () => {
    const { page, errors, requests } = await open(renderHtml(REPORT, 'ko-KR'), 1280);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('section.currency').count()).toBe(2);
    for (const currency of ['KRW', 'USD']) {
      const section = page.locator(`section.currency[data-currency="${currency}"]`);
      // Drawn twice (desktop and phone width); at 1280 px the wide drawing is the one shown.
      expect(await section.locator('.chart.trend svg').count()).toBe(2);
      expect(await section.locator('.chart.trend .wide svg').isVisible()).toBe(true);
      expect(await section.locator('.chart.trend .narrow svg').isVisible()).toBe(false);
      expect(await section.locator('.chart.trend .wide svg path').count()).toBeGreaterThan(7); // bars, line, axes
      expect(await section.locator('.chart.platforms .wide svg').isVisible()).toBe(true);
    }
    expect(await page.locator('h2').first().innerText()).toBe('KRW 기준 실적');
    const spendCard = page.locator('section[data-currency="KRW"] .card[data-kpi="spend"]');
    expect(await spendCard.locator('.label').innerText()).toBe('광고비');
    expect(await spendCard.locator('.value').innerText()).toBe('₩1,234,000');
    expect(await spendCard.locator('.delta').innerText()).toBe('▲ +12.2%');
    // A higher CPA is bad news: red. CPA went 7,857 → 9,074 won.
    expect(await page.locator('section[data-currency="KRW"] .card[data-kpi="cpa"] .delta').getAttribute('class')).toBe(
      'delta bad',
    );
    expect(await page.locator('section[data-currency="USD"] .card[data-kpi="spend"] .value').innerText()).toBe(
      'US$1,234.56',
    );
    // The platform name shows as text, not markup.
    expect(await page.locator('tr.campaign').nth(2).locator('td').first().innerText()).toContain(
      '<script>alert("x")</script> US & "Global"',
    );
    expect(await page.locator('script').count()).toBe(0);
    // Ad sets come right after their campaign.
    const rows = await page.locator('section[data-currency="KRW"] tbody tr.campaign, section[data-currency="KRW"] tbody tr.adset').evaluateAll(
      (trs) => trs.map((tr) => tr.className),
    );
    expect(rows).toEqual(['campaign', 'adset', 'adset', 'campaign']);
    expect(await page.locator('.freshness .unsettled').count()).toBe(5);
    expect(await page.locator('.freshness').innerText()).toContain('변경될 수 있음');
    expect(await page.locator('.actions').innerText()).toContain('ROAS 385% above target 300% for 7 days');
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-ko-desktop.png'), fullPage: true });
    await page.close();
  });

  it('fits a phone: no sideways scrolling of the page, wide tables scroll inside their box', async () => {
    const { page, errors } = await open(renderHtml(REPORT, 'en-US'), 390);
    expect(errors).toEqual([]);
    // Measured in the page (a string, as this project compiles without the DOM library).
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    const krw = page.locator('section[data-currency="KRW"]');
    expect(await krw.locator('.chart.trend .narrow svg').isVisible()).toBe(true);
    expect(await krw.locator('.chart.trend .wide svg').isVisible()).toBe(false);
    expect(await krw.locator('.chart.platforms .narrow svg').isVisible()).toBe(true);
    const table = page.locator('section[data-currency="KRW"] .scroll').nth(1);
    const [scrollWidth, clientWidth] = await table.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth as number);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-en-phone.png'), fullPage: true });
    await page.close();
  });

  it('prints to an A4 PDF', async () => {
    const pdf = await renderPdf(renderHtml(REPORT, 'ko-KR'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    // A4 is 210 × 297 mm = 595.3 × 841.9 points (Chromium writes 594.96 × 841.92).
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/);
    const file = path.join(ARTIFACTS, 'report-ko.pdf');
    writeFileSync(file, pdf);
    if (existsSync('/usr/bin/pdftoppm')) {
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(ARTIFACTS, 'report-ko-pdf-page1')]);
      expect(existsSync(path.join(ARTIFACTS, 'report-ko-pdf-page1.png'))).toBe(true);
    }
  }, 60_000);
});
