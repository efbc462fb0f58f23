/**
 * What this sandbox serves of Airbridge's actuals report API, stated here on its own rather than imported from the
 * connector (docs/architecture.md, "The sandbox is independent").
 * Source: help.airbridge.io/en/references/actuals-report (the asynchronous query, task statuses, limits, dates in
 * the app's zone, problem-document errors, 429 on excessive requests); the result rows and skip/size paging follow
 * community clients (unverified).
 */

export const AIRBRIDGE_PREFIX = ['reports', 'api', 'v7', 'apps'] as const;
export const AIRBRIDGE_QUERY = ['actuals', 'query'] as const;

export const AIRBRIDGE_LIMITS = { groupBys: 10, metrics: 20, rangeDays: 400 } as const;

/** Group-bys and metrics the sandbox knows (a subset of Airbridge's; anything else is a 400). */
export const AIRBRIDGE_KNOWN_GROUP_BYS = [
  'event_date',
  'channel',
  'campaign',
  'campaign_id',
  'ad_group',
  'ad_creative',
  'os_name',
  'country',
];
export const AIRBRIDGE_KNOWN_METRICS = [
  'app_installs',
  'app_deeplink_opens',
  'app_events',
  'app_revenue',
  'cost_channel',
  'clicks',
  'impressions',
  'app_sign_up',
  'app_order_complete',
];

/** Rows per result page when the request names no size (unverified). */
export const AIRBRIDGE_DEFAULT_PAGE_SIZE = 100;

/** Installs no channel is credited with (unverified name). */
export const AIRBRIDGE_UNATTRIBUTED = { channel: 'unattributed', campaign: '' } as const;

/** "There is no specific limit": the sandbox's own stand-in for "excessive", per app. */
export const AIRBRIDGE_RATE_PER_SECOND = 20;
export const AIRBRIDGE_BURST = 40;

/** How long the sandbox keeps restating an event date: late events and channel cost for a week (a modelling choice). */
export const AIRBRIDGE_GROWTH_DAYS = 7;
