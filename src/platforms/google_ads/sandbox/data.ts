import type { MaturityRule } from '../../../domain/maturity';
import {
  generateCampaigns,
  majorToMicros,
  type CampaignDay,
  type GeneratedCampaign,
  type SandboxAccount,
} from '../../../sandbox/generator';
import { createRng } from '../../../sandbox/rng';

/** Conversion lag: values move for two weeks (config/platforms.yaml google_ads.restatementWindowDays). */
export const GOOGLE_ADS_RESTATEMENT: MaturityRule = { windowDays: 14 };

export interface GoogleAdsCampaign extends GeneratedCampaign {
  /** int64 campaign id as a string, like "20067890001". */
  id: string;
  resourceName: string;
  /** `customers/{cid}/campaignBudgets/{id}`: every Google campaign has a CampaignBudget resource. */
  budgetResourceName: string;
  budgetId: string;
  /** Campaigns without their own budget share one account budget (explicitly_shared = true). */
  explicitlyShared: boolean;
  /** amount_micros before any mutation: average daily budget, micros of the account currency. */
  budgetMicros: bigint;
  /** Data-driven attribution reports fractional conversions (docs conversions/reporting). */
  dataDriven: boolean;
}

const SHARED_BUDGET_INDEX = 999;

function ids(customerId: string, index: number) {
  const base = Number(customerId.slice(-5)) * 1000 + index + 1;
  return { campaignId: String(20_000_000_000 + base), budgetId: String(13_000_000_000_000 + base) };
}

/** The account's campaigns with Google-shaped ids and budgets, deterministic per seed and account. */
export function googleAdsCampaigns(seed: number, account: SandboxAccount): GoogleAdsCampaign[] {
  const sharedBudgetId = ids(account.id, SHARED_BUDGET_INDEX).budgetId;
  const sharedAmount = majorToMicros(Math.round(account.medianDailySpend * 3), account.currency);
  return generateCampaigns(seed, 'google_ads', account).map((c) => {
    const { campaignId, budgetId: ownBudgetId } = ids(account.id, c.index);
    const explicitlyShared = c.dailyBudgetMicros === null;
    const budgetId = explicitlyShared ? sharedBudgetId : ownBudgetId;
    return {
      ...c,
      id: campaignId,
      resourceName: `customers/${account.id}/campaigns/${campaignId}`,
      budgetId,
      budgetResourceName: `customers/${account.id}/campaignBudgets/${budgetId}`,
      explicitlyShared,
      budgetMicros: c.dailyBudgetMicros ?? sharedAmount,
      dataDriven: c.index % 3 !== 2,
    };
  });
}

/**
 * Data-driven attribution (docs conversions/reporting): conversions are fractional, the whole count times a credit
 * share drawn from `creditSeed`, rounded to 2 decimals (a JSON double that round-trips exactly). Other metrics stay.
 */
export function withDataDrivenCredit(day: CampaignDay, dataDriven: boolean, creditSeed: number): CampaignDay {
  if (!dataDriven || day.conversions === 0) return day;
  const credit = 0.9 + 0.2 * createRng(creditSeed)();
  return { ...day, conversions: Math.round(day.conversions * credit * 100) / 100 };
}
