import type { MaturityRule } from '../../../domain/maturity';
import { currencyDecimals, MICROS_PER_UNIT } from '../../../domain/money';
import { TIKTOK_BUDGET_MODE } from './api-facts';
import { generateAdSets, type GeneratedAdSet } from '../../../sandbox/ad-sets';
import { deliveryModel, ownBudgetCampaign, servedDayUnder, type DeliveryModel } from '../../../sandbox/delivery';
import type { BudgetHistory } from '../../../sandbox/state';
import { generateCampaigns, type GeneratedCampaign, type SandboxAccount } from '../../../sandbox/generator';

/** TikTok restates the last 3 days (config/platforms.yaml tiktok.restatementWindowDays). */
export const TIKTOK_RESTATEMENT: MaturityRule = { windowDays: 3 };

export type TiktokBudgetMode = (typeof TIKTOK_BUDGET_MODE)[keyof typeof TIKTOK_BUDGET_MODE];

export interface TiktokSandboxCampaign extends GeneratedCampaign {
  id: string;
  budgetMode: TiktokBudgetMode;
  /** Daily or total budget in minor units of the currency (whole won, cents); null without a campaign budget. */
  budgetMinor: bigint | null;
}

/**
 * Daily-budget floor for campaigns: "$50 or local equivalent" (docs: ads.tiktok.com/help/article/budget).
 * unverified: the KRW figure is a conversion at about 1,400 KRW/USD, not a published number.
 */
export const TIKTOK_MIN_CAMPAIGN_DAILY_BUDGET: Record<string, number> = { USD: 50, KRW: 70_000 };
export const TIKTOK_DEFAULT_MIN_DAILY_BUDGET = 50;

/** Ad group floor: "$20 or local equivalent" (same help article; KRW at about 1,400 KRW/USD, unverified). */
export const TIKTOK_MIN_ADGROUP_DAILY_BUDGET: Record<string, number> = { USD: 20, KRW: 28_000 };
export const TIKTOK_DEFAULT_MIN_ADGROUP_DAILY_BUDGET = 20;

/**
 * Spend on a day never exceeds 125% of the daily budget (reference §5.4, docs ads.tiktok.com/help/article/budget:
 * "never exceeds 125% of the highest daily budget that day").
 */
export const TIKTOK_OVERSPEND_FACTOR = 1.25;

/**
 * Campaign ids like TikTok's: 16 digits starting 17 (reference §5.2 example), stable per account and index. Campaigns
 * without a generated daily budget use a lifetime (total) budget or none at all, as both exist on TikTok.
 */
export function tiktokCampaigns(seed: number, account: SandboxAccount): TiktokSandboxCampaign[] {
  const accountDigits = account.id.slice(-8).padStart(8, '0');
  return generateCampaigns(seed, 'tiktok', account).map((c) => {
    const id = `17${accountDigits}${String(c.index + 1).padStart(6, '0')}`;
    if (c.dailyBudgetMicros !== null) {
      return {
        ...c,
        id,
        budgetMode: TIKTOK_BUDGET_MODE.daily,
        budgetMinor: microsToMinor(c.dailyBudgetMicros, account.currency),
      };
    }
    if (c.index % 2 === 0) {
      const lifetimeMinor = BigInt(
        Math.round(account.medianDailySpend * 60 * 10 ** currencyDecimals(account.currency)),
      );
      return { ...c, id, budgetMode: TIKTOK_BUDGET_MODE.total, budgetMinor: lifetimeMinor };
    }
    return { ...c, id, budgetMode: TIKTOK_BUDGET_MODE.infinite, budgetMinor: null };
  });
}

/** Generated budgets are whole minor units (cents, whole won): micros → that count, exactly. */
function microsToMinor(micros: bigint, currency: string): bigint {
  return micros / (MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(currency)));
}

/** Minor units → TikTok's budget NUMBER in major units (reference §5.4: "major units (number)"). */
export function budgetMajor(minor: bigint, currency: string): number {
  return Number(minor) / 10 ** currencyDecimals(currency);
}

export interface TiktokSandboxAdGroup extends GeneratedAdSet {
  id: string;
  campaignId: string;
  budgetMode: TiktokBudgetMode;
  /** Daily budget in minor units of the currency; null (BUDGET_MODE_INFINITE) when the campaign holds the budget. */
  budgetMinor: bigint | null;
}

/**
 * Ad group ids: 16 digits like the campaign's, "17" + account digits, then a 9 where a campaign id has the leading
 * zeros of its index, the campaign index (3 digits) and the ad group index (2 digits), so the two never collide.
 * An ad group has a daily budget only when its campaign has none (GeneratedAdSet.dailyBudgetMicros); TikTok allows
 * ad group budgets under a lifetime campaign budget too (docs: ads.tiktok.com/help/article/budget).
 */
export function tiktokAdGroups(
  seed: number,
  account: SandboxAccount,
  campaign: TiktokSandboxCampaign,
): TiktokSandboxAdGroup[] {
  const accountDigits = campaign.id.slice(2, 10);
  return generateAdSets(seed, 'tiktok', account, campaign).map((a) => ({
    ...a,
    id: `17${accountDigits}9${String(campaign.index + 1).padStart(3, '0')}${String(a.index + 1).padStart(2, '0')}`,
    campaignId: campaign.id,
    budgetMode: a.dailyBudgetMicros === null ? TIKTOK_BUDGET_MODE.infinite : TIKTOK_BUDGET_MODE.daily,
    budgetMinor: a.dailyBudgetMicros === null ? null : microsToMinor(a.dailyBudgetMicros, account.currency),
  }));
}

/**
 * Budget holders: a campaign with a daily budget (BUDGET_MODE_DAY), else each ad group with its own daily budget (a
 * lifetime campaign budget does not drive daily spend); days in the advertiser's zone (reference §5.5).
 */
export function tiktokDelivery(seed: number, account: SandboxAccount, history: BudgetHistory): DeliveryModel {
  const rules = { overspendFactor: TIKTOK_OVERSPEND_FACTOR, stackedCaps: false };
  const campaigns = tiktokCampaigns(seed, account).map((c) => ownBudgetCampaign(c, tiktokAdGroups(seed, account, c)));
  return deliveryModel(seed, 'tiktok', account, history, rules, campaigns);
}

/**
 * What TikTok serves for a campaign-day at `now` and below it the ad group rows: the campaign's REPORTED day split
 * across its ad groups, so they restate with it and sum to it; ad groups without delivery that day have no row.
 * Shared by the report and truth().
 */
export const tiktokServedDay = servedDayUnder<TiktokSandboxCampaign, TiktokSandboxAdGroup>(TIKTOK_RESTATEMENT);

/** What one advertiser holds in the sandbox: its campaigns and each campaign's ad groups (built once per server). */
export interface TiktokCatalog {
  campaigns: TiktokSandboxCampaign[];
  adGroupsOf(campaign: TiktokSandboxCampaign): TiktokSandboxAdGroup[];
}

export function tiktokCatalog(seed: number, account: SandboxAccount): TiktokCatalog {
  const campaigns = tiktokCampaigns(seed, account);
  const adGroups = new Map(campaigns.map((c) => [c.id, tiktokAdGroups(seed, account, c)]));
  return { campaigns, adGroupsOf: (campaign) => adGroups.get(campaign.id) ?? [] };
}
