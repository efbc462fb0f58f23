import { isIsoDate, type IsoDate } from '../../domain/dates';

/**
 * The GAQL queries the engine sends (docs: developers.google.com/google-ads/api/docs/query/overview). Paging needs
 * the IDENTICAL query on every page (docs reporting/paging), so each query is built by one function only.
 */

/** customer.currency_code and customer.time_zone are fixed per account (reference §2.7). */
export function customerQuery(): string {
  return 'SELECT customer.currency_code, customer.time_zone, customer.descriptive_name FROM customer';
}

/** Campaigns with their budget; a campaign without metrics is still returned (no metrics selected). */
export function campaignsQuery(): string {
  return [
    'SELECT campaign.id, campaign.name, campaign.status,',
    'campaign_budget.amount_micros, campaign_budget.resource_name, campaign_budget.explicitly_shared',
    'FROM campaign',
  ].join(' ');
}

/** Daily campaign metrics; segments.date is in the customer's time zone (reference §2.7). */
export function dailyMetricsQuery(range: { from: IsoDate; to: IsoDate }): string {
  if (!isIsoDate(range.from) || !isIsoDate(range.to)) {
    throw new Error(`dailyMetricsQuery: expected YYYY-MM-DD dates, got ${range.from}..${range.to}`);
  }
  return [
    'SELECT campaign.id, campaign.name, metrics.impressions, metrics.clicks, metrics.cost_micros,',
    'metrics.conversions, metrics.conversions_value, segments.date',
    'FROM campaign',
    `WHERE segments.date BETWEEN '${range.from}' AND '${range.to}'`,
  ].join(' ');
}
