import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import { TIKTOK_BUDGET_MODE, TIKTOK_CODES } from './api-facts';
import { applyBudget, currentBudgetMinor, parseBudget } from './budget';
import {
  budgetMajor,
  TIKTOK_DEFAULT_MIN_ADGROUP_DAILY_BUDGET,
  TIKTOK_MIN_ADGROUP_DAILY_BUDGET,
  type TiktokCatalog,
  type TiktokSandboxAdGroup,
  type TiktokSandboxCampaign,
} from './data';
import { listQuery, minorOf, pageOf } from './params';
import { failure, invalidParams, success, type TiktokReply } from './respond';

/**
 * `GET adgroup/get/?advertiser_id[&filtering][&page][&page_size][&fields]` → data.list + page_info, page_size 1-1000
 * default 10 (docs: SDK python_sdk/docs/AdgroupApi.md adgroup_get). Ad groups are listed campaign by campaign.
 */
export function listAdGroups(
  params: Record<string, string>,
  state: SandboxState,
  account: SandboxAccount,
  catalog: TiktokCatalog,
): TiktokReply {
  const query = listQuery(params, ['campaign_ids', 'adgroup_ids']);
  if (!query.ok) return invalidParams(query.message);
  const { fields, ids, page, pageSize } = query.value;
  const { campaign_ids: campaignIds, adgroup_ids: adGroupIds } = ids;
  const items = catalog.campaigns
    .filter((c) => !campaignIds || campaignIds.includes(c.id))
    .flatMap((c) => catalog.adGroupsOf(c).map((a) => ({ campaign: c, adGroup: a })))
    .filter(({ adGroup }) => !adGroupIds || adGroupIds.includes(adGroup.id))
    .map(({ campaign, adGroup }) =>
      formatAdGroup(account, campaign, adGroup, currentBudgetMinor(state, adGroup), fields),
    );
  return success(pageOf(items, page, pageSize));
}

/**
 * An adgroup/get entry. budget is a NUMBER in major units, 0 with BUDGET_MODE_INFINITE (the campaign holds the
 * budget), as on campaign/get (reference §5.4). unverified: the secondary_status values (community mocks show
 * ADGROUP_STATUS_DELIVERY_OK; ADGROUP_STATUS_CAMPAIGN_DISABLE for a paused campaign is a guess).
 */
export function formatAdGroup(
  account: SandboxAccount,
  campaign: TiktokSandboxCampaign,
  adGroup: TiktokSandboxAdGroup,
  budgetMinor: bigint | null,
  fields: readonly string[] | null,
): Record<string, unknown> {
  const delivering = campaign.status === 'ACTIVE';
  const all: Record<string, unknown> = {
    advertiser_id: account.id,
    campaign_id: adGroup.campaignId,
    campaign_name: campaign.name,
    adgroup_id: adGroup.id,
    adgroup_name: adGroup.name,
    budget: budgetMinor === null ? 0 : budgetMajor(budgetMinor, account.currency),
    budget_mode: adGroup.budgetMode,
    operation_status: 'ENABLE',
    secondary_status: delivering ? 'ADGROUP_STATUS_DELIVERY_OK' : 'ADGROUP_STATUS_CAMPAIGN_DISABLE',
    create_time: `${campaign.startDate} 00:00:00`,
  };
  if (!fields) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'adgroup_id' || fields.includes(k)));
}

/**
 * `POST adgroup/update/` JSON {advertiser_id, adgroup_id, budget}: an ABSOLUTE daily budget in MAJOR units (reference
 * §5.4 names adgroup/update/; SDK AdgroupApi.md). The ad group minimum is $20/day or local equivalent (docs:
 * ads.tiktok.com/help/article/budget); the budget type cannot be switched.
 * Only an ad group that holds its own budget accepts one (not under Campaign Budget Optimization).
 */
export function updateAdGroup(
  body: Record<string, unknown>,
  state: SandboxState,
  account: SandboxAccount,
  catalog: TiktokCatalog,
): TiktokReply {
  if (body.adgroup_id === undefined) return invalidParams('adgroup_id: Missing data for required field.');
  const found = catalog.campaigns
    .flatMap((campaign) => catalog.adGroupsOf(campaign).map((adGroup) => ({ campaign, adGroup })))
    .find(({ adGroup }) => adGroup.id === String(body.adgroup_id));
  if (!found) {
    return failure(TIKTOK_CODES.invalidParams, `adgroup_id: Ad group ${String(body.adgroup_id)} does not exist.`);
  }
  const { campaign, adGroup } = found;
  if (body.budget === undefined) return invalidParams('budget: The sandbox supports budget updates only.');
  if (body.budget_mode !== undefined && body.budget_mode !== adGroup.budgetMode) {
    return invalidParams('budget_mode: The budget type cannot be changed once the ad group is created.');
  }
  if (adGroup.budgetMode !== TIKTOK_BUDGET_MODE.daily) {
    // With Campaign Budget Optimization the campaign holds the budget (reference §5.4, CampaignCreationApi.md).
    return invalidParams('budget: This ad group uses its campaign budget (BUDGET_MODE_INFINITE); update the campaign.');
  }
  const target = parseBudget(body.budget, account.currency);
  if (!target.ok) return invalidParams(target.message);
  const minimum = TIKTOK_MIN_ADGROUP_DAILY_BUDGET[account.currency] ?? TIKTOK_DEFAULT_MIN_ADGROUP_DAILY_BUDGET;
  if (target.value < minorOf(minimum, account.currency)) {
    return invalidParams(`budget: The daily budget must be at least ${minimum} ${account.currency}.`);
  }
  applyBudget(state, account, adGroup, 'adset', target.value);
  return success(formatAdGroup(account, campaign, adGroup, target.value, null));
}
