import type { IsoDate } from '../../../domain/dates';
import type { MaturityRule } from '../../../domain/maturity';
import { metaCurrencyOffset, MICROS_PER_UNIT } from '../../../domain/money';
import { deliveringAdSets, generateAdSets, type GeneratedAdSet } from '../../../sandbox/ad-sets';
import {
  generateCampaigns,
  type CampaignDay,
  type GeneratedCampaign,
  type SandboxAccount,
} from '../../../sandbox/generator';

/** Meta keeps attributing conversions for 28 days (Airbyte insights_lookback_window). */
export const META_RESTATEMENT: MaturityRule = { windowDays: 28 };

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

/** The ad set rows Meta serves for a campaign-day: the campaign's reported day, split (empty ad sets omitted). */
export function metaAdSetDays(
  seed: number,
  account: SandboxAccount,
  adSets: SandboxAdSet[],
  date: IsoDate,
  campaignDay: CampaignDay,
): Array<{ adSet: SandboxAdSet; day: CampaignDay }> {
  return deliveringAdSets(seed, 'meta', account, adSets, date, campaignDay);
}
