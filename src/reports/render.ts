import { renderCsv } from './csv';
import { renderHtml } from './html';
import type { ReportLocale, ReportModel } from './model';
import { renderPdf } from './pdf';
import { renderXlsx } from './xlsx';

export type ReportFormat = 'xlsx' | 'csv' | 'html' | 'pdf';

export interface RenderedReport {
  format: ReportFormat;
  fileName: string;
  content: Buffer;
}

/** `<advertiserId>-<period>-<from>_<to>.<ext>`, e.g. dalbit-foods-weekly-2026-11-23_2026-11-29.xlsx. */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  // The advertiser id comes from config; keep the name safe on every file system and in a mail attachment.
  const advertiser = model.advertiserId.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${advertiser}-${model.period}-${model.from}_${model.to}.${format}`;
}

/** Every requested format of one report, in the order asked; the HTML is rendered once and reused for the PDF. */
export async function renderReport(
  model: ReportModel,
  formats: ReportFormat[],
  locale: ReportLocale,
): Promise<RenderedReport[]> {
  let html: string | undefined;
  const htmlOnce = () => (html ??= renderHtml(model, locale));
  const out: RenderedReport[] = [];
  for (const format of formats) {
    const content =
      format === 'xlsx'
        ? await renderXlsx(model, locale)
        : format === 'csv'
          ? renderCsv(model, locale)
          : format === 'html'
            ? Buffer.from(htmlOnce(), 'utf8')
            : await renderPdf(htmlOnce());
    out.push({ format, fileName: reportFileName(model, format), content });
  }
  return out;
}
