import type { EntityLevel } from '../../domain/metrics';
import type { EntitySnapshot } from '../../domain/metrics';
import { ResponseFormatError } from '../../connectors/errors';
import { nested, parseSearchEnvelope, ROW_ENTITY, type GoogleAdsAccountContext, type GoogleAdsPage } from './rows';
import { int64Micros } from './units';

/**
 * Pure parsing of the entity queries (gaql.ts campaignsQuery / adGroupsQuery) → entity snapshots. Campaign and ad
 * group pages go through the same row reader; they differ in where the status is and whether there is a budget.
 */

export type GoogleAdsEntityContext = Omit<GoogleAdsAccountContext, 'isMature' | 'timeZone'>;

/**
 * Every Google campaign has a CampaignBudget; amountMicros is the average daily budget in micros of the account
 * currency (docs CampaignBudget). A budget with explicitlyShared=true is shared by several campaigns, so changing it
 * changes all of them (reference §2.6, §8 row 20): the amount is kept here, the budget writer must resolve the
 * sharing first.
 */
function campaignBudgetMicros(row: Record<string, unknown>, where: string): bigint | null {
  const budget = nested(row, 'campaignBudget', where);
  if (budget.explicitlyShared !== undefined && typeof budget.explicitlyShared !== 'boolean') {
    throw new ResponseFormatError(`${where}.campaignBudget.explicitlyShared`, 'expected a boolean');
  }
  const amount = budget.amountMicros;
  return amount === undefined ? null : int64Micros(amount, `${where}.campaignBudget.amountMicros`);
}

const ENTITY_ROW: Record<
  EntityLevel,
  { resource: string; budget: (row: Record<string, unknown>, where: string) => bigint | null }
> = {
  campaign: { resource: 'campaign', budget: campaignBudgetMicros },
  // Ad groups carry bids, not budgets (docs fields/v26/ad_group): their spend is capped by the campaign's budget.
  adset: { resource: 'adGroup', budget: () => null },
};

/** One page of a level's entity query; ad groups carry their campaign's id as campaignId. */
export function parseEntitiesPage(
  body: unknown,
  ctx: GoogleAdsEntityContext,
  level: EntityLevel,
): GoogleAdsPage<EntitySnapshot> {
  const { results, nextPageToken } = parseSearchEnvelope(body);
  const { resource, budget } = ENTITY_ROW[level];
  const items = results.map((row, i): EntitySnapshot => {
    const where = `results[${i}]`;
    const { entityName, ...ids } = ROW_ENTITY[level](row, where);
    const status = nested(row, resource, where).status;
    return {
      platform: 'google_ads',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level,
      ...ids,
      name: entityName,
      status: typeof status === 'string' ? status : 'UNKNOWN',
      currency: ctx.currency,
      dailyBudgetMicros: budget(row, where),
    };
  });
  return { items, nextPageToken };
}

export const parseCampaignsPage = (body: unknown, ctx: GoogleAdsEntityContext) =>
  parseEntitiesPage(body, ctx, 'campaign');

export const parseAdGroupsPage = (body: unknown, ctx: GoogleAdsEntityContext) => parseEntitiesPage(body, ctx, 'adset');
