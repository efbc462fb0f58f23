import { currencyDecimals } from '../../../domain/money';
import { TIKTOK_CODES } from './api-facts';
import { TIKTOK_BUDGET_MODE } from './api-facts';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import {
  TIKTOK_DEFAULT_MIN_DAILY_BUDGET,
  TIKTOK_MIN_CAMPAIGN_DAILY_BUDGET,
  type TiktokCatalog,
  type TiktokSandboxCampaign,
} from './data';
import { formatCampaign } from './format';
import { jsonStringArray, pageOf, paging } from './params';
import { failure, invalidParams, success, type TiktokReply } from './respond';

export function currentBudget(state: SandboxState, campaign: TiktokSandboxCampaign): bigint | null {
  return state.budgets.get(campaign.id) ?? campaign.budgetMinor;
}

/** `GET campaign/get/?advertiser_id&page&page_size[&fields]` → data.list + page_info (reference §5.4, SDK docs). */
export function listCampaigns(
  params: Record<string, string>,
  state: SandboxState,
  account: SandboxAccount,
  catalog: TiktokCatalog,
): TiktokReply {
  const fields = jsonStringArray(params, 'fields', false);
  if (!fields.ok) return invalidParams(fields.message);
  const pages = paging(params);
  if (!pages.ok) return invalidParams(pages.message);
  const items = catalog.campaigns.map((c) => formatCampaign(account, c, currentBudget(state, c), fields.value));
  return success(pageOf(items, pages.value.page, pages.value.pageSize));
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
  const decimals = currencyDecimals(account.currency);
  const text = typeof body.budget === 'number' ? String(body.budget) : body.budget;
  const pattern = decimals === 0 ? /^\d+(\.0+)?$/ : new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`);
  if (typeof text !== 'string' || !pattern.test(text)) {
    return invalidParams(`budget: Must be a number in ${account.currency} with at most ${decimals} decimals.`);
  }
  const [whole = '0', fraction = ''] = text.split('.');
  const targetMinor =
    BigInt(whole) * 10n ** BigInt(decimals) + BigInt((fraction.slice(0, decimals) || '0').padEnd(decimals, '0'));
  const minimum = TIKTOK_MIN_CAMPAIGN_DAILY_BUDGET[account.currency] ?? TIKTOK_DEFAULT_MIN_DAILY_BUDGET;
  if (campaign.budgetMode === TIKTOK_BUDGET_MODE.daily && Number(text) < minimum) {
    return invalidParams(`budget: The daily budget must be at least ${minimum} ${account.currency}.`);
  }
  const before = currentBudget(state, campaign);
  state.mutations.push({
    at: state.now().toISOString(),
    platform: 'tiktok',
    accountId: account.id,
    entityId: campaign.id,
    field: 'budget',
    // As on the wire: major units of the advertiser currency.
    oldValue: before === null ? null : majorText(before, decimals),
    newValue: majorText(targetMinor, decimals),
    validateOnly: false,
  });
  state.budgets.set(campaign.id, targetMinor);
  return success(formatCampaign(account, campaign, targetMinor, null));
}

function majorText(minor: bigint, decimals: number): string {
  if (decimals === 0) return minor.toString();
  const text = minor.toString().padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}
