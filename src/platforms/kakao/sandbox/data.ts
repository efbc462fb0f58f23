import type { MaturityRule } from '../../../domain/maturity';
import { MICROS_PER_UNIT } from '../../../domain/money';
import { generateAdSets, type GeneratedAdSet } from '../../../sandbox/ad-sets';
import { deliveryModel, ownBudgetCampaign, servedDayUnder, type DeliveryModel } from '../../../sandbox/delivery';
import { generateCampaigns, type GeneratedCampaign, type SandboxAccount } from '../../../sandbox/generator';
import type { BudgetHistory } from '../../../sandbox/state';
import type { SandboxWorld } from '../../../sandbox/world';

/** Values for a date are provisional until 08:00 KST the next day (docs kakaomoment/report; config kakao). */
export const KAKAO_RESTATEMENT: MaturityRule = { windowDays: 1, settlesAt: '08:00' };

/** Default spacing of report calls per ad account (docs kakaomoment/report: one call per 5 s). */
export const DEFAULT_REPORT_INTERVAL_MS = 5_000;

export interface KakaoSandboxCampaign extends GeneratedCampaign {
  /** Kakao ids are Longs and travel as JSON numbers (docs kakaomoment/campaign). */
  id: number;
  /** ON | OFF (DEL campaigns are not generated). */
  config: 'ON' | 'OFF';
  /** Integer KRW, or null for "no daily limit" (reference §4.5; meaning of null unverified). */
  dailyBudgetAmount: number | null;
}

export interface KakaoSandboxAdGroup extends GeneratedAdSet {
  /** A Long like every Kakao id, distinct from campaign ids (docs kakaomoment/ad-group). */
  id: number;
  campaignId: number;
  /** Ad groups are generated ON; a paused campaign stops them from delivering. */
  config: 'ON';
  /** Integer KRW; set only where the campaign has no budget of its own, else null ("no daily limit"). */
  dailyBudgetAmount: number | null;
}

/** Whole won: KRW has no minor unit, so micros / 10^6 is exact for the generator's amounts. */
const won = (micros: bigint | null) => (micros === null ? null : Number(micros / MICROS_PER_UNIT));

/** Campaign ids like Kakao's: integers, here the account id followed by a 3-digit index (10000 → 10000001...). */
export function kakaoCampaigns(seed: number, account: SandboxAccount): KakaoSandboxCampaign[] {
  return generateCampaigns(seed, 'kakao', account).map((c) => ({
    ...c,
    id: Number(`${account.id}${String(c.index + 1).padStart(3, '0')}`),
    config: c.status === 'ACTIVE' ? 'ON' : 'OFF',
    dailyBudgetAmount: won(c.dailyBudgetMicros),
  }));
}

/**
 * Ad group ids: the campaign id followed by a 2-digit index (10000001 → 1000000101...), so they are stable per
 * (account, campaign, ad group) and two digits longer than any campaign id of the account.
 */
export function kakaoAdGroups(
  seed: number,
  account: SandboxAccount,
  campaign: KakaoSandboxCampaign,
): KakaoSandboxAdGroup[] {
  return generateAdSets(seed, 'kakao', account, campaign).map((a) => ({
    ...a,
    id: Number(`${campaign.id}${String(a.index + 1).padStart(2, '0')}`),
    campaignId: campaign.id,
    config: 'ON',
    dailyBudgetAmount: won(a.dailyBudgetMicros),
  }));
}

/**
 * Ads stop when spend reaches the daily budget (budget-automation.md "Platform budget rules": Kakao official help), at
 * both levels: a campaign budget caps its ad groups and an ad group's own budget caps it under a campaign budget.
 */
export const KAKAO_OVERSPEND_FACTOR = 1;

/** Budget holders: a campaign with its own budget, else each of its ad groups; days in KST (reference §4.6). */
export function kakaoDelivery(seed: number, account: SandboxAccount, history: BudgetHistory): DeliveryModel {
  const rules = { overspendFactor: KAKAO_OVERSPEND_FACTOR, stackedCaps: true };
  const campaigns = kakaoCampaigns(seed, account).map((c) =>
    ownBudgetCampaign(
      { ...c, id: String(c.id) },
      kakaoAdGroups(seed, account, c).map((a) => ({ ...a, id: String(a.id) })),
    ),
  );
  return deliveryModel(seed, 'kakao', account, history, rules, campaigns);
}

/**
 * A campaign-day as the report serves it at `now` (null without delivery, restated until 08:00 KST) with its ad
 * groups' days: the campaign's day split exactly, so ad group rows sum to it and restate with it. Ad groups without
 * delivery are left out, as the report omits them.
 */
export const kakaoServedDay = servedDayUnder<KakaoSandboxCampaign, KakaoSandboxAdGroup>(KAKAO_RESTATEMENT);

/** One ad account's campaigns and ad groups, looked up by the handlers and the truth alike. */
export interface KakaoCatalog {
  campaigns: KakaoSandboxCampaign[];
  adGroupsOf(campaign: KakaoSandboxCampaign): KakaoSandboxAdGroup[];
  /** Ad group id (decimal string) → the ad group and its campaign. */
  adGroup(id: string): { adGroup: KakaoSandboxAdGroup; campaign: KakaoSandboxCampaign } | undefined;
}

export function kakaoCatalog(seed: number, account: SandboxAccount): KakaoCatalog {
  const campaigns = kakaoCampaigns(seed, account);
  const adGroups = new Map(campaigns.map((c) => [c.id, kakaoAdGroups(seed, account, c)]));
  const byId = new Map(
    campaigns.flatMap((campaign) =>
      (adGroups.get(campaign.id) ?? []).map((adGroup) => [String(adGroup.id), { adGroup, campaign }] as const),
    ),
  );
  return { campaigns, adGroupsOf: (c) => adGroups.get(c.id) ?? [], adGroup: (id) => byId.get(id) };
}

export function kakaoAccount(world: SandboxWorld, accountId: string): SandboxAccount | undefined {
  return world.kakao?.accounts.find((a) => a.id === accountId);
}

export function reportIntervalMs(world: SandboxWorld): number {
  const configured = world.kakao?.options?.reportIntervalMs;
  return typeof configured === 'number' ? configured : DEFAULT_REPORT_INTERVAL_MS;
}
