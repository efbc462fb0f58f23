import { launchChromium } from '../stack/browser';

/**
 * The HTML report printed to PDF by headless Chromium, so the PDF is the same document (same CSS, same SVG charts)
 * laid out for A4 by the print stylesheet. The HTML makes no requests, so setContent's load is all there is to wait
 * for.
 */
export async function renderPdf(html: string): Promise<Buffer> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
