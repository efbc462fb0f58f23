/**
 * AppsFlyer Pull API (aggregate) wire facts of the connector side; the sandbox states its own in sandbox/api-facts.ts.
 * Sources: https://support.appsflyer.com/hc/en-us/articles/207034346 (Pull API aggregate data),
 * https://support.appsflyer.com/hc/en-us/articles/207034366 (report generation quotas), Airbyte's source-appsflyer
 * (URL under /api/agg-data, Bearer header, 403 "Limit reached for"); "unverified" where only community code shows it.
 */

import type { IsoDate } from '../../domain/dates';

/** Partners by date: one line per install date, agency, media source and campaign, with every in-app event. */
export const AF_REPORT = 'partners_by_date_report';

export function afReportPath(appId: string): string {
  return `/api/agg-data/export/app/${encodeURIComponent(appId)}/${AF_REPORT}/v5`;
}

/**
 * `from`/`to` are install dates (LTV), `timezone` the app's zone (else UTC-dated rows for apps set to a zone), and
 * `reattr=true` the retargeting report (207034346). Currency is always the app's (same article), so none is sent.
 * `maximum_rows` lifts the default row cap (Airbyte sends 1,000,000; unverified).
 */
export function afReportParams(range: { from: IsoDate; to: IsoDate }, timeZone: string, retargeting: boolean) {
  return {
    from: range.from,
    to: range.to,
    timezone: timeZone,
    maximum_rows: '1000000',
    ...(retargeting ? { reattr: 'true' } : {}),
  };
}

export const AF_COLUMNS = {
  date: 'Date',
  agency: 'Agency/PMD (af_prt)',
  mediaSource: 'Media Source (pid)',
  campaign: 'Campaign (c)',
  installs: 'Installs',
  /** Retargeting reports count conversions (re-engagements and re-attributions) instead of installs (unverified). */
  conversions: 'Conversions',
  revenue: 'Total Revenue',
  cost: 'Total Cost',
} as const;

/** "<event> (Event counter)" and "<event> (Sales in <currency>)" (Airbyte's events mixin reads these suffixes). */
export const AF_EVENT_COUNTER = / \(Event counter\)$/;
export const AF_EVENT_SALES = / \(Sales in ([A-Z]{3})\)$/;

/** What AppsFlyer prints where a value does not exist (VTA clicks and cost, events a row never had). */
export const AF_NOT_AVAILABLE = 'N/A';

/** 207034366: ranges of up to 2 days cost no daily quota but allow one call a minute per app and report. */
export const AF_SHORT_RANGE_MAX_DAYS = 2;
