import { isIsoDate, type IsoDate } from '../../domain/dates';
import type { EntityLevel } from '../../domain/metrics';

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

/**
 * Ad groups with their campaign id (docs fields/v26/ad_group). No budget: Google ad groups carry bids, the budget
 * stays on the campaign's CampaignBudget.
 */
export function adGroupsQuery(): string {
  return 'SELECT ad_group.id, ad_group.name, ad_group.status, ad_group.type, campaign.id FROM ad_group';
}

/** Entities of one level, page after page. */
export function entitiesQuery(level: EntityLevel): string {
  return level === 'campaign' ? campaignsQuery() : adGroupsQuery();
}

/** What identifies a metrics row per level: the campaign, or the ad group and its campaign. */
const METRIC_ENTITY: Record<EntityLevel, { fields: string; from: string }> = {
  campaign: { fields: 'campaign.id, campaign.name', from: 'campaign' },
  adset: { fields: 'campaign.id, ad_group.id, ad_group.name', from: 'ad_group' },
};

/** Daily metrics of one level (campaign by default); segments.date is in the customer's time zone (reference §2.7). */
export function dailyMetricsQuery(range: { from: IsoDate; to: IsoDate }, level: EntityLevel = 'campaign'): string {
  if (!isIsoDate(range.from) || !isIsoDate(range.to)) {
    throw new Error(`dailyMetricsQuery: expected YYYY-MM-DD dates, got ${range.from}..${range.to}`);
  }
  const entity = METRIC_ENTITY[level];
  return [
    `SELECT ${entity.fields}, metrics.impressions, metrics.clicks, metrics.cost_micros,`,
    'metrics.conversions, metrics.conversions_value, segments.date',
    `FROM ${entity.from}`,
    `WHERE segments.date BETWEEN '${range.from}' AND '${range.to}'`,
  ].join(' ');
}
