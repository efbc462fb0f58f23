import type { IsoDate } from '../../../domain/dates';
import { deliveryModel, servedCampaignDay, type DeliveryModel } from '../../../sandbox/delivery';
import type { CampaignDay, SandboxAccount } from '../../../sandbox/generator';
import type { BudgetHolder } from '../../../sandbox/holder-curve';
import { hashSeed } from '../../../sandbox/rng';
import type { BudgetHistory } from '../../../sandbox/state';
import { googleAdsAdGroups, type GoogleAdsAdGroup } from './ad-groups';
import { GOOGLE_ADS_RESTATEMENT, googleAdsCampaigns, withDataDrivenCredit, type GoogleAdsCampaign } from './data';

/**
 * A day may spend up to twice the average daily budget (reference §2.6; budget-automation.md "Platform budget
 * rules": Google help answers 6385083, 6312), at most 30.4× a month (not modelled).
 */
export const GOOGLE_ADS_OVERSPEND_FACTOR = 2;

/**
 * Every Google campaign is paid by a CampaignBudget resource (reference §2.6), explicitly shared budgets by several
 * campaigns: the budget resources are the holders, keyed by resource name as campaignBudgets:mutate names them.
 * Ad groups carry bids, not budgets, so they only split their campaign's day.
 */
export function googleAdsDelivery(seed: number, account: SandboxAccount, history: BudgetHistory): DeliveryModel {
  const campaigns = googleAdsCampaigns(seed, account);
  const holders = new Map<string, BudgetHolder>();
  for (const c of campaigns) {
    const holder = holders.get(c.budgetResourceName) ?? {
      id: c.budgetResourceName,
      level: 'budget',
      entityIds: [],
      generatedBudgetMicros: c.budgetMicros,
    };
    holder.entityIds.push(c.id);
    holders.set(c.budgetResourceName, holder);
  }
  const delivering = campaigns.map((c) => ({
    id: c.id,
    index: c.index,
    startDate: c.startDate,
    stopDate: c.stopDate,
    holder: holders.get(c.budgetResourceName) ?? null,
    weight: c.spendScale,
    adSets: googleAdsAdGroups(seed, account, c).map((g) => ({ ...g, holder: null })),
  }));
  // segments.date is in customer.time_zone (reference §2.7): budget days too.
  const rules = { overspendFactor: GOOGLE_ADS_OVERSPEND_FACTOR, stackedCaps: false };
  return deliveryModel(seed, 'google_ads', account, history, rules, delivering);
}

export interface GoogleAdsServedDay {
  day: CampaignDay;
  adGroups: Array<{ adGroup: GoogleAdsAdGroup; day: CampaignDay }>;
}

/**
 * What Google reports for a campaign-day at `now`, or null when it did not deliver (all-zero rows are not returned,
 * reference §2.3): the budget's day, restated (14-day window), split exactly over the ad groups; then data-driven
 * attribution credits the campaign and each ad group separately, so fractional conversions need not sum exactly.
 */
export function googleAdsServedDay(
  model: DeliveryModel,
  campaign: GoogleAdsCampaign,
  adGroups: GoogleAdsAdGroup[],
  date: IsoDate,
  now: Date,
): GoogleAdsServedDay | null {
  const served = servedCampaignDay(model, campaign.index, adGroups, date, now, GOOGLE_ADS_RESTATEMENT);
  if (!served) return null;
  const { seed, account } = model;
  const credit = (extra: number[]) => hashSeed(seed, 'google_ads', account.id, campaign.index, ...extra, date, 'dda');
  return {
    day: withDataDrivenCredit(served.day, campaign.dataDriven, credit([])),
    adGroups: served.adSets.map(({ adSet, day }) => ({
      adGroup: adSet,
      day: withDataDrivenCredit(day, campaign.dataDriven, credit([adSet.index])),
    })),
  };
}
