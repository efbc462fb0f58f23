import { addDays, dateInZone, daysBetween, type IsoDate } from '../domain/dates';
import { isMature, type MaturityRule } from '../domain/maturity';
import { MICROS_PER_UNIT, currencyDecimals } from '../domain/money';
import { createRng, hashSeed, logNormal } from './rng';

/**
 * Platform-neutral synthetic ad data: accounts' campaigns and the restatement of a settled day. How much a day spends
 * and converts is delivery.ts (budgets in force, hidden response curves). Every platform's sandbox formats these
 * numbers in its own wire format; the ground truth is the same functions, so tests compare stored rows with exactly
 * what the platform served.
 */

export interface SandboxAccount {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  campaigns: number;
  /** Median daily spend per campaign, major units of the account currency. */
  medianDailySpend: number;
}

export interface GeneratedCampaign {
  index: number;
  name: string;
  status: 'ACTIVE' | 'PAUSED';
  objective: string;
  startDate: IsoDate;
  /** Last day with delivery for paused campaigns. */
  stopDate: IsoDate | null;
  /** Null when the budget lives below the campaign (ad sets / ad groups) or in a shared budget. */
  dailyBudgetMicros: bigint | null;
  spendScale: number;
}

/** Settled values of one campaign-day; money in micros, whole minor units of the currency. */
export interface CampaignDay {
  spendMicros: bigint;
  impressions: number;
  clicks: number;
  conversions: number;
  conversionValueMicros: bigint;
}

const OBJECTIVES = ['SALES', 'TRAFFIC', 'AWARENESS', 'LEADS'];
const THEMES = ['AlwaysOn', 'Retargeting', 'Prospecting', 'BrandAwareness', 'Promo', 'Catalog', 'Video', 'Lookalike'];

/** Rounds major units to the currency's minor unit and returns micros. */
export function majorToMicros(major: number, currency: string): bigint {
  const decimals = currencyDecimals(currency);
  const minor = Math.max(0, Math.round(major * 10 ** decimals));
  return (BigInt(minor) * MICROS_PER_UNIT) / 10n ** BigInt(decimals);
}

export function generateCampaigns(seed: number, platform: string, account: SandboxAccount): GeneratedCampaign[] {
  return Array.from({ length: account.campaigns }, (_, index) => {
    const rng = createRng(hashSeed(seed, platform, account.id, 'campaign', index));
    const startDate = addDays('2024-01-01', Math.floor(rng() * 960));
    const paused = rng() < 0.15;
    const stopDate = paused ? addDays(startDate, 30 + Math.floor(rng() * 300)) : null;
    const spendScale = logNormal(rng, 0.6);
    const usesCampaignBudget = rng() < 0.8;
    const objective = OBJECTIVES[Math.floor(rng() * OBJECTIVES.length)] ?? 'SALES';
    return {
      index,
      name: `${account.currency === 'KRW' ? 'KR' : 'GL'}_${THEMES[index % THEMES.length]}_${String(index + 1).padStart(2, '0')}`,
      status: paused ? 'PAUSED' : 'ACTIVE',
      objective,
      startDate,
      stopDate,
      dailyBudgetMicros: usesCampaignBudget
        ? majorToMicros(Math.max(1, Math.round(account.medianDailySpend * spendScale * 1.3)), account.currency)
        : null,
      spendScale,
    };
  });
}

/**
 * What the platform reports for a day when asked at `now`: until the day matures, late conversions are still
 * arriving, so recent days are restated upward on later pulls. Spend, impressions and clicks are final.
 */
export function reportedDay(
  settled: CampaignDay,
  date: IsoDate,
  now: Date,
  account: Pick<SandboxAccount, 'currency' | 'timeZone'>,
  rule: MaturityRule,
): CampaignDay {
  if (isMature(date, now, account.timeZone, rule)) return settled;
  const window = Math.max(rule.windowDays, 1);
  const elapsed = Math.min(Math.max(daysBetween(date, dateInZone(now, account.timeZone)), 0), window);
  const share = 0.7 + (0.25 * elapsed) / window;
  const conversions = Math.floor(settled.conversions * share);
  const value =
    settled.conversions === 0
      ? 0n
      : (settled.conversionValueMicros * BigInt(conversions)) / BigInt(settled.conversions);
  // Whole minor units of the currency (cents, whole won), as every platform reports them.
  const unit = MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(account.currency));
  return { ...settled, conversions, conversionValueMicros: (value / unit) * unit };
}
