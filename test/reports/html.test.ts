import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reports/html';
import { escapeHtml } from '../../src/reports/html-escape';
import { renderPdf } from '../../src/reports/pdf';
import { launchChromium } from '../../src/stack/browser';
import { REPORT, TRACKER_REPORT } from './fixture';

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

describe('HTML report with tracker figures', () => {
  it('shows tracker columns beside the media on campaign rows, the tracker KPI block, apps and the unmatched', async () => {
    const { page, errors, requests } = await open(renderHtml(TRACKER_REPORT, 'en-US'), 1280);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const krw = page.locator('section[data-currency="KRW"]');
    const headers = await krw.locator('table.campaigns thead th').allInnerTexts();
    expect(headers.slice(10)).toEqual([
      'Revenue',
      'ROAS',
      'Installs',
      'Re-engagements',
      'In-app events',
      'Tracker revenue',
      'Tracker ROAS',
      'Tracker cost',
      'Tracker note',
    ]);
    const cells = (row: ReturnType<typeof page.locator>) => row.locator('td').allInnerTexts();
    const rows = krw.locator('table.campaigns tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.className))).toEqual([
      'campaign',
      'adset',
      'adset',
      'campaign',
      'tracker-extra',
    ]);
    // Naver: no tracker figures ("–"); its ad sets: tracker cells empty, they never have any.
    expect((await cells(rows.nth(0))).slice(12)).toEqual(['–', '–', '–', '–', '–', '–', '–']);
    expect((await cells(rows.nth(1))).slice(12)).toEqual(['', '', '', '', '', '', '']);
    // Meta KRW: the media's conversions (40) and revenue (₩1,300,000) beside the tracker's.
    const meta = await cells(rows.nth(3));
    expect([meta[7], meta[10]]).toEqual(['40', '₩1,300,000']);
    expect(meta.slice(12)).toEqual(['1,234', '56', '7,890', '₩1,500,000', '300.00%', '₩480,000', '2 day(s) may still change']);
    const extra = await cells(rows.nth(4));
    expect(extra[0]).toContain('Tracker figures in USD');
    expect(extra.slice(1, 12).every((c) => c === '')).toBe(true);
    expect(extra.slice(12, 18)).toEqual(['10', '0', '25', '$123.45', 'n/a', '–']);
    expect(extra[18]).toBe('ROAS n/a: tracker revenue in USD, media spend in KRW (not converted)');
    expect(await rows.nth(4).locator('[data-tracker="roas"] .na').getAttribute('title')).toBe(extra[18]);

    const card = (currency: string, trackerCurrency: string, kpi: string) =>
      page
        .locator(`section[data-currency="${currency}"] .cards.tracker[data-tracker-currency="${trackerCurrency}"]`)
        .locator(`.card[data-kpi="${kpi}"] .value`)
        .innerText();
    expect(await card('KRW', 'KRW', 'installs')).toBe('1,234');
    expect(await card('KRW', 'KRW', 'trackerRevenue')).toBe('₩1,500,000');
    expect(await card('KRW', 'KRW', 'trackerRoas')).toBe('300.00%');
    expect(await card('KRW', 'KRW', 'revenueDifference')).toBe('+₩200,000');
    expect(await card('KRW', 'USD', 'trackerRevenue')).toBe('$123.45');
    expect(await card('KRW', 'USD', 'trackerRoas')).toBe('n/a');
    expect(await card('KRW', 'USD', 'revenueDifference')).toBe('n/a');
    expect(await card('USD', 'USD', 'trackerRoas')).toBe('190.00%'); // 2,345.67 / 1,234.56
    expect(await card('USD', 'USD', 'revenueDifference')).toBe('-$1,460.08'); // 2,345.67 − 3,805.75
    expect(await krw.locator('h3').allInnerTexts()).toContain('Tracker figures in USD');

    const trackers = page.locator('section.trackers');
    expect(await trackers.locator('table.apps tbody tr').count()).toBe(2);
    expect(await trackers.locator('table.apps .unsettled').allInnerTexts()).toEqual(['Nov 28, 2026', 'Nov 29, 2026']);
    const unmatched = await trackers.locator('table.unmatched tbody tr td').allInnerTexts();
    expect(unmatched[0]).toContain('DE_<b>Test</b>'); // the tracker's name, as text
    expect(unmatched.slice(1)).toEqual(['no media campaign fits', '2', '9', '₩45,000']);
    expect(await trackers.locator('b').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-tracker-en-desktop.png'), fullPage: true });
    await page.close();
  });

  it('fits a phone in Korean: the tracker cards wrap, the wider campaign table scrolls inside its box', async () => {
    const { page, errors } = await open(renderHtml(TRACKER_REPORT, 'ko-KR'), 390);
    expect(errors).toEqual([]);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    const cards = page.locator('section[data-currency="KRW"] .cards.tracker[data-tracker-currency="KRW"] .card');
    expect(await cards.locator('.label').allInnerTexts()).toEqual([
      '설치수',
      '트래커 매출',
      '트래커 ROAS',
      '트래커 − 매체 매출 차이',
    ]);
    for (const box of await cards.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right))) {
      expect(box).toBeLessThanOrEqual(390);
    }
    const table = page.locator('section[data-currency="KRW"] table.campaigns').locator('xpath=..');
    const [scrollWidth, clientWidth] = await table.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth as number);
    expect(await page.locator('section.trackers h2').innerText()).toBe('트래커');
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-tracker-ko-phone.png'), fullPage: true });
    await page.close();
  });
});
