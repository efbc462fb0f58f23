/**
 * Adjust Report Service API wire facts of the connector side; the sandbox states its own in sandbox/api-facts.ts.
 * Sources: https://dev.adjust.com/en/api/rs-api/reports (JSON report: dimensions, metrics, date_period, utc_offset,
 * attribution_types, attribution_source, cohort_maturity, response {rows, totals, warnings}, 204 when empty),
 * https://dev.adjust.com/en/api/rs-api/rate-limits (50 requests/s per source IP, burst 100, then 429),
 * https://help.adjust.com/en/article/datascape-metrics-glossary and …/datascape-dimensions-glossary (slugs).
 */

import type { IsoDate } from '../../domain/dates';

export const ADJUST_REPORT_PATH = '/reports-service/report';

/** Rows per day, network, network campaign (name and id) and the app's reporting currency. */
export const ADJUST_DIMENSIONS = [
  'day',
  'partner_name',
  'campaign_network',
  'campaign_id_network',
  'currency',
] as const;

/**
 * installs; reattributions (users returning through a new source: our re-engagements); events (all in-app events);
 * all_revenue (every revenue source, in the reporting currency); cost (ad spend). `<slug>_events` per event slug.
 */
export const ADJUST_METRICS = {
  installs: 'installs',
  reEngagements: 'reattributions',
  events: 'events',
  revenue: 'all_revenue',
  cost: 'cost',
} as const;
export const adjustEventMetric = (slug: string) => `${slug}_events`;

/** What Adjust prints where the network gave no campaign (organic, untracked): no id, no name. */
export const ADJUST_UNKNOWN = 'unknown';

export interface AdjustQuery {
  appToken: string;
  range: { from: IsoDate; to: IsoDate };
  utcOffset: string;
  attributionTypes: readonly string[];
  attributionSource: string;
  cohortMaturity: string;
  eventSlugs: readonly string[];
}

export function adjustReportParams(q: AdjustQuery): Record<string, string> {
  return {
    app_token__in: q.appToken,
    date_period: `${q.range.from}:${q.range.to}`,
    dimensions: ADJUST_DIMENSIONS.join(','),
    metrics: [...Object.values(ADJUST_METRICS), ...q.eventSlugs.map(adjustEventMetric)].join(','),
    utc_offset: q.utcOffset,
    attribution_types: q.attributionTypes.join(','),
    attribution_source: q.attributionSource,
    // Only cumulative (cohort) metrics depend on it; stated so a cohort metric added later reads as it stands today.
    cohort_maturity: q.cohortMaturity,
  };
}
