import { TIKTOK_BUDGET_MODE, TIKTOK_CODES } from './api-facts';
import { applyBudget, currentBudgetMinor, parseBudget } from './budget';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import {
  TIKTOK_DEFAULT_MIN_DAILY_BUDGET,
  TIKTOK_MIN_CAMPAIGN_DAILY_BUDGET,
  type TiktokCatalog,
  type TiktokSandboxCampaign,
} from './data';
import { formatCampaign } from './format';
import { listQuery, minorOf, pageOf } from './params';
import { failure, invalidParams, success, type TiktokReply } from './respond';

export function currentBudget(state: SandboxState, campaign: TiktokSandboxCampaign): bigint | null {
  return currentBudgetMinor(state, campaign);
}

/**
 * `GET campaign/get/?advertiser_id&page&page_size[&fields][&filtering]` → data.list + page_info (reference §5.4, SDK
 * docs); `filtering` {"campaign_ids": [...]} reads single campaigns (SDK FilteringCampaignGet).
 */
export function listCampaigns(
  params: Record<string, string>,
  state: SandboxState,
  account: SandboxAccount,
  catalog: TiktokCatalog,
): TiktokReply {
  const query = listQuery(params, ['campaign_ids']);
  if (!query.ok) return invalidParams(query.message);
  const { fields, ids, page, pageSize } = query.value;
  const items = catalog.campaigns
    .filter((c) => !ids.campaign_ids || ids.campaign_ids.includes(c.id))
    .map((c) => formatCampaign(account, c, currentBudget(state, c), fields));
  return success(pageOf(items, page, pageSize));
}

/**
 * `POST campaign/update/` JSON {advertiser_id, campaign_id, budget}: an ABSOLUTE budget in MAJOR units
 * (reference §5.4; SDK CampaignUpdateBody.md). The budget type cannot be switched once live, and a daily budget must
 * reach the campaign minimum (docs: ads.tiktok.com/help/article/budget).
 */
export function updateCampaign(
  body: Record<string, unknown>,
  state: SandboxState,
  account: SandboxAccount,
  campaigns: TiktokSandboxCampaign[],
): TiktokReply {
  if (body.campaign_id === undefined) return invalidParams('campaign_id: Missing data for required field.');
  const campaign = campaigns.find((c) => c.id === String(body.campaign_id));
  if (!campaign)
    return failure(TIKTOK_CODES.invalidParams, `campaign_id: Campaign ${String(body.campaign_id)} does not exist.`);
  if (body.budget === undefined) return invalidParams('budget: The sandbox supports budget updates only.');
  if (body.budget_mode !== undefined && body.budget_mode !== campaign.budgetMode) {
    return invalidParams('budget_mode: The budget type cannot be changed once the campaign is created.');
  }
  if (campaign.budgetMode === TIKTOK_BUDGET_MODE.infinite) {
    return invalidParams('budget: A campaign with BUDGET_MODE_INFINITE has no budget to update.');
  }
  const target = parseBudget(body.budget, account.currency);
  if (!target.ok) return invalidParams(target.message);
  const minimum = TIKTOK_MIN_CAMPAIGN_DAILY_BUDGET[account.currency] ?? TIKTOK_DEFAULT_MIN_DAILY_BUDGET;
  if (campaign.budgetMode === TIKTOK_BUDGET_MODE.daily && target.value < minorOf(minimum, account.currency)) {
    return invalidParams(`budget: The daily budget must be at least ${minimum} ${account.currency}.`);
  }
  // A lifetime (total) budget is not a daily budget: logged at campaign level, it does not drive daily spend.
  applyBudget(state, account, campaign, 'campaign', target.value);
  return success(formatCampaign(account, campaign, target.value, null));
}
