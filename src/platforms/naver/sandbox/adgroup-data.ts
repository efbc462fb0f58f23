import { MICROS_PER_UNIT } from '../../../domain/money';
import { generateAdSets, type GeneratedAdSet } from '../../../sandbox/ad-sets';
import type { SandboxAccount } from '../../../sandbox/generator';
import { createRng, hashSeed } from '../../../sandbox/rng';
import type { NaverSandboxCampaign } from './data';

/** adgroupType follows the campaign type (ncc-heroes-ncc.json Adgroup.adgroupType has the same names). */
const ADGROUP_TYPES: Record<string, string> = {
  WEB_SITE: 'WEB_SITE',
  SHOPPING: 'SHOPPING',
  BRAND_SEARCH: 'BRAND_SEARCH',
};

/** Keyword default bid bounds, KRW: "You can enter between 70 to 100000" (ncc-heroes-ncc.json Adgroup.bidAmt). */
const MIN_BID_WON = 70;

export interface NaverSandboxAdgroup extends GeneratedAdSet {
  /** grp-a001-01-000012345670102 style: customer, campaign index, ad group index; grp- keeps it apart from cmp-. */
  id: string;
  nccCampaignId: string;
  customerId: number;
  adgroupType: string;
  bidAmt: number;
  /** Whole KRW; null means useDailyBudget=false (the campaign's budget applies). */
  dailyBudgetWon: bigint | null;
  regTm: string;
}

/** Ad groups of one campaign, in id order (ids grow with the index). */
export function naverAdgroups(seed: number, account: SandboxAccount, campaign: NaverSandboxCampaign) {
  return generateAdSets(seed, 'naver', account, campaign).map((a): NaverSandboxAdgroup => {
    const rng = createRng(hashSeed(seed, 'naver-adgroup', campaign.id, a.index));
    const digits = `${account.id}${String(campaign.index + 1).padStart(2, '0')}${String(a.index + 1).padStart(2, '0')}`;
    return {
      ...a,
      id: `grp-a001-01-${digits.padStart(15, '0')}`,
      nccCampaignId: campaign.id,
      customerId: campaign.customerId,
      adgroupType: ADGROUP_TYPES[campaign.campaignTp] ?? 'WEB_SITE',
      bidAmt: MIN_BID_WON + 10 * Math.floor(rng() * 100),
      dailyBudgetWon: a.dailyBudgetMicros === null ? null : a.dailyBudgetMicros / MICROS_PER_UNIT,
      // Created a few minutes after the campaign (both are UTC instants, RFC 3339).
      regTm: new Date(Date.parse(campaign.regTm) + (a.index + 1) * 240_000).toISOString(),
    };
  });
}
