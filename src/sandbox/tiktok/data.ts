import type { MaturityRule } from '../../domain/maturity';
import { currencyDecimals, MICROS_PER_UNIT } from '../../domain/money';
import { TIKTOK_BUDGET_MODE } from '../../platforms/tiktok/wire';
import { generateCampaigns, type GeneratedCampaign, type SandboxAccount } from '../generator';

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

/**
 * Campaign ids like TikTok's: 16 digits starting 17 (reference §5.2 example), stable per account and index. Campaigns
 * without a generated daily budget use a lifetime (total) budget or none at all, as both exist on TikTok.
 */
export function tiktokCampaigns(seed: number, account: SandboxAccount): TiktokSandboxCampaign[] {
  const accountDigits = account.id.slice(-8).padStart(8, '0');
  const minorPerMicro = MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(account.currency));
  return generateCampaigns(seed, 'tiktok', account).map((c) => {
    const id = `17${accountDigits}${String(c.index + 1).padStart(6, '0')}`;
    if (c.dailyBudgetMicros !== null) {
      return { ...c, id, budgetMode: TIKTOK_BUDGET_MODE.daily, budgetMinor: c.dailyBudgetMicros / minorPerMicro };
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

/** Minor units → TikTok's budget NUMBER in major units (reference §5.4: "major units (number)"). */
export function budgetMajor(minor: bigint, currency: string): number {
  return Number(minor) / 10 ** currencyDecimals(currency);
}
