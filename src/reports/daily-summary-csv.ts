import type { IsoDate } from '../domain/dates';
import type { MetricRow } from '../domain/metrics';
import { currencyDecimals, microsToDecimal } from '../domain/money';
import { campaignRows, deriveKpis, orderForReport, sumTotals, type MetricTotals } from '../domain/report-math';

const HEADER = [
  'date',
  'advertiser',
  'platform',
  'account_id',
  'currency',
  'time_zone',
  'level',
  'campaign_id',
  'entity_id',
  'entity_name',
  'impressions',
  'clicks',
  'spend',
  'conversions',
  'revenue',
  'ctr_pct',
  'cpc',
  'cpa',
  'roas',
  'mature',
];

export interface DailySummaryCsv {
  text: string;
  /** Entity rows (campaigns and ad sets), not counting header and totals. */
  rows: number;
  currencies: string[];
}

/** RFC 4180 field quoting. */
export function csvLine(fields: Array<string | number | boolean | null>): string {
  return fields
    .map((f) => {
      const text = f === null ? '' : String(f);
      return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}

interface LineScope {
  platform: string;
  accountId: string;
  currency: string;
  timeZone: string;
}

/**
 * One advertiser's day: every campaign row with its ad sets below it, then a total per platform account and per
 * currency (amounts in different currencies are never added together, and ad set rows never enter a total: they are
 * a breakdown of their campaign's numbers).
 */
export function dailySummaryCsv(date: IsoDate, advertiserId: string, stored: MetricRow[]): DailySummaryCsv {
  const rows = orderForReport(stored);
  const line = (scope: LineScope, level: string, ids: [string, string, string], totals: MetricTotals, mature: boolean) => {
    const decimals = currencyDecimals(scope.currency);
    const kpis = deriveKpis(totals, decimals);
    const [campaignId, entityId, entityName] = ids;
    return csvLine([
      date,
      advertiserId,
      scope.platform,
      scope.accountId,
      scope.currency,
      scope.timeZone,
      level,
      campaignId,
      entityId,
      entityName,
      totals.impressions,
      totals.clicks,
      microsToDecimal(totals.spendMicros, decimals),
      totals.conversions,
      microsToDecimal(totals.conversionValueMicros, decimals),
      kpis.ctrPct,
      kpis.cpc,
      kpis.cpa,
      kpis.roas,
      mature,
    ]);
  };

  const lines = [csvLine(HEADER)];
  for (const row of rows) {
    lines.push(line(row, row.level, [row.campaignId ?? '', row.entityId, row.entityName], row, row.mature));
  }
  const totalled = campaignRows(rows);
  const byAccount = new Map<string, MetricRow[]>();
  for (const row of totalled) {
    const key = `${row.platform}|${row.accountId}`;
    byAccount.set(key, [...(byAccount.get(key) ?? []), row]);
  }
  for (const group of byAccount.values()) {
    const first = group[0] as MetricRow;
    const mature = group.every((r) => r.mature);
    lines.push(line(first, 'account_total', ['', first.accountId, ''], sumTotals(group), mature));
  }
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  for (const currency of currencies) {
    const inCurrency = totalled.filter((r) => r.currency === currency);
    const scope = { platform: 'all', accountId: 'all', currency, timeZone: '' };
    const mature = inCurrency.every((r) => r.mature);
    lines.push(line(scope, 'currency_total', ['', currency, ''], sumTotals(inCurrency), mature));
  }
  return { text: `${lines.join('\n')}\n`, rows: rows.length, currencies };
}
