import { stringify } from 'csv-stringify/sync';
import { currencyDecimals } from '../../../domain/money';
import type { SandboxTrackerApp } from '../../../sandbox/world';
import { AF_NA, AF_UA_COLUMNS, afEventColumns } from './api-facts';
import type { AfReportRow } from './data';

/** Micros → the app currency's decimal text ("12345" won, "12.30" dollars), as the CSV prints money. */
export function afMoney(micros: bigint, currency: string): string {
  const decimals = currencyDecimals(currency);
  const minor = micros / 10n ** BigInt(6 - decimals);
  if (decimals === 0) return minor.toString();
  const text = minor.toString().padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

const ratio = (a: number, b: number, digits = 2) => (b === 0 ? AF_NA : (a / b).toFixed(digits));

/** The partners-by-date CSV: header, then one line per row; retargeting swaps Installs for Conversion Type + Conversions. */
export function afCsv(app: SandboxTrackerApp, rows: AfReportRow[], retargeting: boolean): string {
  const base: string[] = [...AF_UA_COLUMNS];
  if (retargeting) {
    base.splice(base.indexOf('Installs'), 1, 'Conversions');
    base.splice(base.indexOf('Campaign (c)') + 1, 0, 'Conversion Type');
  }
  const header = [...base, ...app.events.flatMap((e) => afEventColumns(e, app.currency))];
  const lines = rows.map((row) => {
    const { day } = row;
    const conversions = retargeting ? day.reEngagements : day.installs;
    const clicks = conversions * 17;
    const impressions = clicks * 41;
    const revenue = Number(day.revenueMicros) / 1e6;
    const cost = day.costMicros === null ? null : Number(day.costMicros) / 1e6;
    const values: Record<string, string> = {
      Date: row.date,
      'Agency/PMD (af_prt)': row.agency,
      'Media Source (pid)': row.mediaSource,
      'Campaign (c)': row.campaign,
      'Conversion Type': row.conversionType ?? '',
      Impressions: String(impressions),
      Clicks: String(clicks),
      CTR: ratio(clicks, impressions, 4),
      Installs: String(day.installs),
      Conversions: String(day.reEngagements),
      'Conversion Rate': ratio(conversions, clicks, 4),
      Sessions: String(conversions * 3),
      'Loyal Users': String(Math.floor(conversions / 2)),
      'Loyal Users/Installs': ratio(Math.floor(conversions / 2), conversions),
      'Total Revenue': afMoney(day.revenueMicros, app.currency),
      'Total Cost': day.costMicros === null ? AF_NA : afMoney(day.costMicros, app.currency),
      ROI: cost === null || cost === 0 ? AF_NA : ((revenue - cost) / cost).toFixed(2),
      ARPU: ratio(revenue, conversions),
      'Average eCPI': cost === null ? AF_NA : ratio(cost, conversions),
    };
    day.eventCounts.forEach((event, i) => {
      const [users, counter, sales] = afEventColumns(event.name, app.currency) as [string, string, string];
      values[users] = String(Math.min(event.count, conversions));
      values[counter] = event.count === 0 ? AF_NA : String(event.count);
      values[sales] = i === 0 ? afMoney(day.revenueMicros, app.currency) : afMoney(0n, app.currency);
    });
    return header.map((column) => values[column] ?? AF_NA);
  });
  return stringify([header, ...lines], { record_delimiter: 'unix' });
}
