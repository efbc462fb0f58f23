/**
 * What this sandbox serves of AppsFlyer's Pull API (aggregate), stated here on its own rather than imported from the
 * connector (docs/architecture.md, "The sandbox is independent").
 * Sources: support.appsflyer.com/hc/en-us/articles/207034346 (Pull API aggregate data: CSV, from/to are install
 * dates, `timezone`, app currency, `reattr=true`), …/207034366 (report generation quotas), and Airbyte's
 * source-appsflyer (URL, Bearer header, the 403 "Limit reached for" body, column names); "unverified" where only
 * community code shows it.
 */

/** `GET /api/agg-data/export/app/{app_id}/{report}/v5`; the sandbox implements the partners-by-date report. */
export const AF_PATH_PREFIX = ['api', 'agg-data', 'export', 'app'] as const;
export const AF_REPORT = 'partners_by_date_report';
export const AF_OTHER_REPORTS = ['partners_report', 'daily_report', 'geo_report', 'geo_by_date_report'];
export const AF_VERSION = 'v5';

/** Quotas (207034366): ranges of up to 2 days: 1 call per minute per app per report; longer: per UTC day. */
export const AF_SHORT_RANGE_MAX_DAYS = 2;
export const AF_SHORT_RANGE_INTERVAL_MS = 60_000;
export const AF_DAILY_QUOTA_PER_APP = 24;
export const AF_DAILY_QUOTA_PER_ACCOUNT = 120;

/** Airbyte source-appsflyer: a spent quota answers HTTP 403 with a body starting "Limit reached for". */
export const AF_LIMIT_STATUS = 403;
export const afLimitBody = (report: string) => `Limit reached for ${report}`;

/** Column names of the partners-by-date CSV (Airbyte source-appsflyer and community loaders). */
export const AF_UA_COLUMNS = [
  'Date',
  'Agency/PMD (af_prt)',
  'Media Source (pid)',
  'Campaign (c)',
  'Impressions',
  'Clicks',
  'CTR',
  'Installs',
  'Conversion Rate',
  'Sessions',
  'Loyal Users',
  'Loyal Users/Installs',
  'Total Revenue',
  'Total Cost',
  'ROI',
  'ARPU',
  'Average eCPI',
] as const;

/**
 * Retargeting (reattr=true): a "Conversion Type" dimension (re-engagement or re-attribution) and "Conversions"
 * instead of "Installs" (unverified: Funnel's AppsFlyer connector docs describe the dimension and metric).
 */
export const AF_RT_CONVERSION_TYPES = ['re-engagement', 're-attribution'] as const;

/** Per event: unique users, event counter, sales in the app currency (column suffixes from Airbyte's events mixin). */
export const afEventColumns = (event: string, currency: string) => [
  `${event} (Unique users)`,
  `${event} (Event counter)`,
  `${event} (Sales in ${currency})`,
];

/** Values without data print as N/A (207034346 on VTA KPIs; community fixtures show it for events). */
export const AF_NA = 'N/A';

/** Organic installs: pid Organic, campaign and agency None (a community fixture of the CSV; unverified). */
export const AF_ORGANIC = { mediaSource: 'Organic', campaign: 'None', agency: 'None' } as const;

/**
 * How long the sandbox keeps growing an install date's figures: LTV cohorts grow as long as their users buy; the
 * sandbox settles them after 30 days (a modelling choice, not an AppsFlyer number).
 */
export const AF_GROWTH_DAYS = 30;
