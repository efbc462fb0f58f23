import type { PlatformRefusal } from '../../connectors/budget-refusal';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import { readGoogleAdsError } from './errors';
import { nested, parseSearchEnvelope, ROW_ENTITY } from './rows';
import { int64Micros } from './units';

/** A campaign's budget: a separate CampaignBudget resource, maybe shared by several campaigns (reference §2.6). */
export interface GoogleCampaignBudget {
  resourceName: string;
  micros: bigint;
  explicitlyShared: boolean;
}

const ID = /^\d+$/;

function idLiteral(id: string, what: string): string {
  // Ids go into GAQL text: only digits, so nothing else can reach the query.
  if (!ID.test(id)) throw new Error(`Google Ads ${what} id must be digits, got ${JSON.stringify(id)}`);
  return id;
}

/** The campaign's budget resource, amount and sharing (docs fields/v26/campaign, fields/v26/campaign_budget). */
export function campaignBudgetQuery(campaignId: string): string {
  return [
    'SELECT campaign.id, campaign.campaign_budget, campaign_budget.amount_micros, campaign_budget.explicitly_shared',
    `FROM campaign WHERE campaign.id = ${idLiteral(campaignId, 'campaign')}`,
  ].join(' ');
}

/** The ad group and its campaign: ad groups carry no budget (docs fields/v26/ad_group), so this only confirms it. */
export function adGroupQuery(adGroupId: string): string {
  return `SELECT ad_group.id, campaign.id FROM ad_group WHERE ad_group.id = ${idLiteral(adGroupId, 'ad group')}`;
}

/** The one row a by-id query returns; none means the entity does not exist in this customer. */
export function singleRow(body: unknown, what: string): Record<string, unknown> | null {
  const { results } = parseSearchEnvelope(body);
  if (results.length > 1)
    throw new ResponseFormatError('results', `expected at most one ${what}, got ${results.length}`);
  return results[0] ?? null;
}

/** The row of campaignBudgetQuery → the budget; every campaign has one (docs CampaignBudget). */
export function parseCampaignBudget(row: Record<string, unknown>, campaignId: string): GoogleCampaignBudget {
  const entity = ROW_ENTITY.campaign(row, 'results[0]');
  if (entity.entityId !== campaignId) {
    throw new ResponseFormatError('results[0].campaign.id', `expected ${campaignId}, got ${entity.entityId}`);
  }
  const resourceName = nested(row, 'campaign', 'results[0]').campaignBudget;
  if (typeof resourceName !== 'string' || !/^customers\/\d+\/campaignBudgets\/\d+$/.test(resourceName)) {
    throw new ResponseFormatError(
      'results[0].campaign.campaignBudget',
      `expected customers/{cid}/campaignBudgets/{id}, got ${JSON.stringify(resourceName)}`,
    );
  }
  const budget = nested(row, 'campaignBudget', 'results[0]');
  // proto3 JSON omits a false bool (reference §2.3): absent means not shared.
  const shared = budget.explicitlyShared ?? false;
  if (typeof shared !== 'boolean') {
    throw new ResponseFormatError('results[0].campaignBudget.explicitlyShared', 'expected a boolean');
  }
  return {
    resourceName,
    micros: int64Micros(budget.amountMicros, 'results[0].campaignBudget.amountMicros'),
    explicitlyShared: shared,
  };
}

/** The row of adGroupQuery must be the ad group asked for. */
export function checkAdGroupRow(row: Record<string, unknown>, adGroupId: string): void {
  const entity = ROW_ENTITY.adset(row, 'results[0]');
  if (entity.entityId !== adGroupId) {
    throw new ResponseFormatError('results[0].adGroup.id', `expected ${adGroupId}, got ${entity.entityId}`);
  }
}

/** The mutate request body for one absolute amount (reference §2.6; docs MutateCampaignBudgetsRequest). */
export function budgetUpdateBody(resourceName: string, micros: bigint) {
  return {
    operations: [{ updateMask: 'amountMicros', update: { resourceName, amountMicros: micros.toString() } }],
    partialFailure: false,
  };
}

/** `{results: [{resourceName}]}`: the updated budget's resource name, the reference of the change. */
export function parseMutateResult(body: unknown, resourceName: string): string {
  const results = isRecord(body) ? body.results : undefined;
  const first: unknown = Array.isArray(results) ? results[0] : undefined;
  const name = isRecord(first) ? first.resourceName : undefined;
  if (name !== resourceName) {
    throw new ResponseFormatError('results[0].resourceName', `expected ${resourceName}, got ${JSON.stringify(name)}`);
  }
  return resourceName;
}

/**
 * CampaignBudgetError is Google's refusal of the amount itself: BUDGET_BELOW_PER_DAY_MINIMUM,
 * NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT, NEGATIVE_MONEY_AMOUNT, MONEY_AMOUNT_LESS_THAN_CURRENCY_MINIMUM_CPC, ... (docs
 * campaigns/budgets/restrictions-errors). Quota, auth and internal errors keep their usual classification.
 */
export function readGoogleBudgetRefusal(status: number, body: unknown): PlatformRefusal | null {
  if (status < 400) return null;
  const refused = readGoogleAdsError(status, body).errors.filter((e) => e.family === 'campaignBudgetError');
  if (refused.length === 0) return null;
  return {
    reason: refused.map((e) => e.message || e.code).join('; '),
    code: refused.map((e) => `${e.family}.${e.code}`).join(','),
  };
}
