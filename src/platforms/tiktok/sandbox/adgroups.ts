import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import { budgetMajor, type TiktokCatalog, type TiktokSandboxAdGroup, type TiktokSandboxCampaign } from './data';
import { jsonStringArray, pageOf, paging, type Checked } from './params';
import { invalidParams, success, type TiktokReply } from './respond';

/**
 * `GET adgroup/get/?advertiser_id[&filtering][&page][&page_size][&fields]` → data.list + page_info, page_size 1-1000
 * default 10 (docs: SDK python_sdk/docs/AdgroupApi.md adgroup_get). Ad groups are listed campaign by campaign.
 */
export function listAdGroups(
  params: Record<string, string>,
  _state: SandboxState,
  account: SandboxAccount,
  catalog: TiktokCatalog,
): TiktokReply {
  const fields = jsonStringArray(params, 'fields', false);
  if (!fields.ok) return invalidParams(fields.message);
  const filter = filtering(params);
  if (!filter.ok) return invalidParams(filter.message);
  const pages = paging(params);
  if (!pages.ok) return invalidParams(pages.message);
  const { campaignIds, adGroupIds } = filter.value;
  const items = catalog.campaigns
    .filter((c) => !campaignIds || campaignIds.includes(c.id))
    .flatMap((c) => catalog.adGroupsOf(c).map((a) => ({ campaign: c, adGroup: a })))
    .filter(({ adGroup }) => !adGroupIds || adGroupIds.includes(adGroup.id))
    .map(({ campaign, adGroup }) => formatAdGroup(account, campaign, adGroup, fields.value));
  return success(pageOf(items, pages.value.page, pages.value.pageSize));
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
  fields: readonly string[] | null,
): Record<string, unknown> {
  const delivering = campaign.status === 'ACTIVE';
  const all: Record<string, unknown> = {
    advertiser_id: account.id,
    campaign_id: adGroup.campaignId,
    campaign_name: campaign.name,
    adgroup_id: adGroup.id,
    adgroup_name: adGroup.name,
    budget: adGroup.budgetMinor === null ? 0 : budgetMajor(adGroup.budgetMinor, account.currency),
    budget_mode: adGroup.budgetMode,
    operation_status: 'ENABLE',
    secondary_status: delivering ? 'ADGROUP_STATUS_DELIVERY_OK' : 'ADGROUP_STATUS_CAMPAIGN_DISABLE',
    create_time: `${campaign.startDate} 00:00:00`,
  };
  if (!fields) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'adgroup_id' || fields.includes(k)));
}

interface AdGroupFilter {
  campaignIds: string[] | null;
  adGroupIds: string[] | null;
}

/** `filtering` is a JSON object (SDK FilteringAdgroupGet); the sandbox narrows by campaign_ids and adgroup_ids only. */
function filtering(params: Record<string, string>): Checked<AdGroupFilter> {
  const none: AdGroupFilter = { campaignIds: null, adGroupIds: null };
  if (params.filtering === undefined || params.filtering === '') return { ok: true, value: none };
  let parsed: unknown;
  try {
    parsed = JSON.parse(params.filtering);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: 'filtering: Not a valid JSON object.' };
  }
  const value = { ...none };
  for (const [key, ids] of Object.entries(parsed)) {
    if (key !== 'campaign_ids' && key !== 'adgroup_ids') {
      return { ok: false, message: `filtering.${key}: The sandbox filters by campaign_ids and adgroup_ids only.` };
    }
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      return { ok: false, message: `filtering.${key}: Not a valid list. Expected a JSON array of strings.` };
    }
    value[key === 'campaign_ids' ? 'campaignIds' : 'adGroupIds'] = ids;
  }
  return { ok: true, value };
}
