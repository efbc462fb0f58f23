import type { MaturityRule } from '../../../domain/maturity';
import { metaCurrencyOffset, MICROS_PER_UNIT } from '../../../domain/money';
import { generateAdSets, type GeneratedAdSet } from '../../../sandbox/ad-sets';
import { deliveryModel, ownBudgetCampaign, servedDayUnder, type DeliveryModel } from '../../../sandbox/delivery';
import { generateCampaigns, type GeneratedCampaign, type SandboxAccount } from '../../../sandbox/generator';
import type { BudgetHistory } from '../../../sandbox/state';

/** Meta keeps attributing conversions for 28 days (Airbyte insights_lookback_window). */
export const META_RESTATEMENT: MaturityRule = { windowDays: 28 };

/**
 * A day may spend up to 25% over the daily budget (reference §1.7 "a day may reach 125% of daily budget"; newer docs
 * say 75%, budget-automation.md "Platform budget rules": plan for 1.25x).
 */
export const META_OVERSPEND_FACTOR = 1.25;

export interface SandboxCampaign extends GeneratedCampaign {
  id: string;
  /** Budget in Meta's unit: minor units via the currency offset (docs marketing-api/currencies). */
  dailyBudgetMinor: bigint | null;
}

/** Campaign ids like Meta's: 18 digits starting 120, stable per account and index. */
export function metaCampaigns(seed: number, account: SandboxAccount): SandboxCampaign[] {
  const accountDigits = account.id.slice(4).padStart(9, '0').slice(-9);
  return generateCampaigns(seed, 'meta', account).map((c) => ({
    ...c,
    id: `120${accountDigits}${String(c.index + 1).padStart(6, '0')}`,
    dailyBudgetMinor:
      c.dailyBudgetMicros === null
        ? null
        : (c.dailyBudgetMicros * metaCurrencyOffset(account.currency)) / MICROS_PER_UNIT,
  }));
}

export interface SandboxAdSet extends GeneratedAdSet {
  id: string;
  campaignId: string;
  /** Ad set budget (ABO) in minor units; null when the campaign's budget is used (CBO). */
  dailyBudgetMinor: bigint | null;
}

/** Ad set ids: 18 digits like campaigns, with a 5 where a campaign id has its zero-padded index. */
export function metaAdSets(seed: number, account: SandboxAccount, campaign: SandboxCampaign): SandboxAdSet[] {
  const accountDigits = campaign.id.slice(3, 12);
  return generateAdSets(seed, 'meta', account, campaign).map((a) => ({
    ...a,
    id: `120${accountDigits}5${String(campaign.index + 1).padStart(3, '0')}${String(a.index + 1).padStart(2, '0')}`,
    campaignId: campaign.id,
    dailyBudgetMinor:
      a.dailyBudgetMicros === null
        ? null
        : (a.dailyBudgetMicros * metaCurrencyOffset(account.currency)) / MICROS_PER_UNIT,
  }));
}

/** Budget holders: the campaign with a campaign budget (CBO), else each ad set (ABO); days in the account's zone. */
export function metaDelivery(seed: number, account: SandboxAccount, history: BudgetHistory): DeliveryModel {
  const rules = { overspendFactor: META_OVERSPEND_FACTOR, stackedCaps: false };
  const campaigns = metaCampaigns(seed, account).map((c) => ownBudgetCampaign(c, metaAdSets(seed, account, c)));
  return deliveryModel(seed, 'meta', account, history, rules, campaigns);
}

/** The campaign-day Meta serves at `now` and its ad set rows (which sum to it); null without delivery. */
export const metaCampaignDay = servedDayUnder<SandboxCampaign, SandboxAdSet>(META_RESTATEMENT);
