import { stringify } from 'csv-stringify/sync';
import { currencyDecimals } from '../domain/money';
import { exactDecimal } from './exact-decimal';
import { KPI_FIELDS, type KpiField } from './kpi-fields';
import { messages, platformName } from './messages';
import type { Kpis, ReportLocale, ReportModel } from './model';

/**
 * The report's campaigns and ad sets as one flat table, for spreadsheets and the client's own tools: a row per
 * campaign, then a row per ad set under it (`level` tells them apart: summing both would count spend twice).
 * Money is the exact decimal of the stored micros (at least the currency's minor digits, never rounded, never
 * grouped, so a spreadsheet reads it as a number); ratios are percentages with two decimals.
 * UTF-8 with a byte-order mark, because Excel otherwise opens a CSV in the system code page and garbles Hangul.
 */
export function renderCsv(model: ReportModel, locale: ReportLocale): Buffer {
  const t = messages(locale);
  const header = [
    t('currency'),
    t('level'),
    t('platform'),
    t('accountId'),
    t('campaignId'),
    t('adSetId'),
    t('name'),
    ...KPI_FIELDS.map((f) => (f.kind === 'ratio' ? `${t(f.key)} (%)` : t(f.key))),
  ];
  const rows: string[][] = [];
  for (const section of model.sections) {
    const kpiCells = (k: Kpis) => KPI_FIELDS.map((f) => kpiCell(f, k, section.currency));
    for (const c of section.campaigns) {
      const platform = platformName(c.platform, locale);
      rows.push([section.currency, t('levelCampaign'), platform, c.accountId, c.campaignId, '', c.name, ...kpiCells(c)]);
      for (const a of c.adSets) {
        rows.push([section.currency, t('levelAdSet'), platform, c.accountId, c.campaignId, a.adSetId, a.name, ...kpiCells(a)]);
      }
    }
  }
  return Buffer.from(stringify([header, ...rows], { bom: true, record_delimiter: 'windows' }), 'utf8');
}

function kpiCell(field: KpiField, kpis: Kpis, currency: string): string {
  const value = field.value(kpis);
  if (value === null) return ''; // undefined (÷ 0), not 0
  if (field.kind === 'money') return exactDecimal(value as bigint, currencyDecimals(currency));
  if (field.kind === 'count') return String(value);
  return ((value as number) * 100).toFixed(2);
}
