/**
 * What this sandbox serves of Adjust's Report Service API, stated here on its own rather than imported from the
 * connector (docs/architecture.md, "The sandbox is independent").
 * Sources: dev.adjust.com/en/api/rs-api/reports (GET /reports-service/report, filters, {rows, totals, warnings},
 * response codes 200/204/400/401/403/429/503/504), dev.adjust.com/en/api/rs-api/rate-limits (per source IP: 50
 * requests a second, a burst of 100, then 429), help.adjust.com datascape metrics and dimensions glossaries.
 */

export const ADJUST_PATH = ['reports-service', 'report'] as const;

/** Dimensions and metrics this sandbox knows; anything else is a 400, as an unknown slug is at Adjust. */
export const ADJUST_KNOWN_DIMENSIONS = [
  'day',
  'partner_name',
  'campaign_network',
  'campaign_id_network',
  'currency',
  'app',
  'app_token',
];
export const ADJUST_KNOWN_METRICS = [
  'installs',
  'reattributions',
  'events',
  'all_revenue',
  'revenue',
  'cost',
  'clicks',
  'impressions',
];
/** Per event slug: `<slug>_events` (glossary: "Find the event_slug"). */
export const ADJUST_EVENT_METRIC_SUFFIX = '_events';

/** `attribution_types`: the reports page's example uses click and engaged_ad; the type list adds impression. */
export const ADJUST_ATTRIBUTION_TYPES = ['click', 'impression', 'engaged_ad'] as const;
export const ADJUST_DEFAULT_ATTRIBUTION = 'click';
/** The sandbox's own split of attributed activity by engagement type (a modelling choice). */
export const ADJUST_ATTRIBUTION_SHARES = { impression: 0.15, engaged_ad: 0.05 } as const;

export const ADJUST_COHORT_MATURITY = ['immature', 'mature'];
export const ADJUST_ATTRIBUTION_SOURCE = ['first', 'dynamic'];

/** Rate limit per source IP (rate-limits page). */
export const ADJUST_RATE_PER_SECOND = 50;
export const ADJUST_BURST = 100;

/** Organic and untracked rows: partner Organic, campaign name and id "unknown" (reports page, success example). */
export const ADJUST_ORGANIC = { partner: 'Organic', campaign: 'unknown' } as const;
export const ADJUST_UNKNOWN_ID = 'unknown';

/** How long the sandbox keeps restating a day: late events and network cost for a week (a modelling choice). */
export const ADJUST_GROWTH_DAYS = 7;
