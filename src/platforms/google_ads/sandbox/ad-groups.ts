import { generateAdSets, type GeneratedAdSet } from '../../../sandbox/ad-sets';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { GoogleAdsCampaign } from './data';

/**
 * Ad groups of the sandbox's Google Ads campaigns (docs: developers.google.com/google-ads/api/fields/v26/ad_group).
 * Google ad groups carry bids, not budgets: the budget stays on the campaign's CampaignBudget (shared or not), so
 * GeneratedAdSet.dailyBudgetMicros is not served.
 */

/** AdGroupStatusEnum values a query may filter on (UNKNOWN / UNSPECIFIED are response-only). */
export const AD_GROUP_STATUSES = ['ENABLED', 'PAUSED', 'REMOVED'] as const;

/** AdGroupTypeEnum (docs reference/rpc/v26/AdGroupTypeEnum.AdGroupType), minus the response-only values. */
export const AD_GROUP_TYPES = [
  'SEARCH_STANDARD',
  'DISPLAY_STANDARD',
  'SHOPPING_PRODUCT_ADS',
  'HOTEL_ADS',
  'SHOPPING_SMART_ADS',
  'VIDEO_BUMPER',
  'VIDEO_TRUE_VIEW_IN_STREAM',
  'VIDEO_TRUE_VIEW_IN_DISPLAY',
  'VIDEO_NON_SKIPPABLE_IN_STREAM',
  'SEARCH_DYNAMIC_ADS',
  'SHOPPING_COMPARISON_LISTING_ADS',
  'PROMOTED_HOTEL_ADS',
  'VIDEO_RESPONSIVE',
  'VIDEO_EFFICIENT_REACH',
  'SMART_CAMPAIGN_ADS',
  'TRAVEL_ADS',
  'YOUTUBE_AUDIO',
] as const;

export interface GoogleAdsAdGroup extends GeneratedAdSet {
  /** int64 ad group id as a string, like "150012345601"; never equal to a campaign or budget id. */
  id: string;
  /** `customers/{cid}/adGroups/{id}` */
  resourceName: string;
  /** ad_group.campaign: the parent campaign's resource name. */
  campaignResourceName: string;
  campaignId: string;
  status: (typeof AD_GROUP_STATUSES)[number];
  type: (typeof AD_GROUP_TYPES)[number];
}

/**
 * Ids 15xxxxxxxxxx: 12 digits, so never a campaign id (11 digits from 20,000,000,001) nor a budget id (14 digits),
 * and stable per (customer, campaign index, ad group index).
 */
function adGroupId(customerId: string, campaignIndex: number, adGroupIndex: number): string {
  const campaignKey = Number(customerId.slice(-5)) * 1000 + campaignIndex + 1;
  return String(150_000_000_000 + campaignKey * 100 + adGroupIndex);
}

/** The campaign's ad groups, deterministic per seed, customer and campaign. */
export function googleAdsAdGroups(seed: number, account: SandboxAccount, campaign: GoogleAdsCampaign) {
  return generateAdSets(seed, 'google_ads', account, campaign).map((adSet): GoogleAdsAdGroup => {
    const id = adGroupId(account.id, campaign.index, adSet.index);
    return {
      ...adSet,
      id,
      resourceName: `customers/${account.id}/adGroups/${id}`,
      campaignResourceName: campaign.resourceName,
      campaignId: campaign.id,
      // Pausing a campaign leaves its ad groups' own status alone (serving is decided by both), so they stay ENABLED.
      status: 'ENABLED',
      type: campaign.objective === 'AWARENESS' ? 'DISPLAY_STANDARD' : 'SEARCH_STANDARD',
    };
  });
}
