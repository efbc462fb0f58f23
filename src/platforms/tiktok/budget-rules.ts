import type { BudgetRules } from '../../connectors/budget';
import type { EntityLevel } from '../../domain/metrics';
import { currencyDecimals, MICROS_PER_UNIT } from '../../domain/money';

/**
 * Daily minimums in major units. USD is official: "$50 (campaign) / $20 (ad group) or local equivalent" (docs:
 * ads.tiktok.com/help/article/budget). KRW is unverified: a conversion at about 1,400 KRW/USD, not a published number.
 */
const MINIMUMS: Record<string, Record<EntityLevel, bigint>> = {
  USD: { campaign: 50n, adset: 20n },
  KRW: { campaign: 70_000n, adset: 28_000n },
};

/**
 * TikTok daily-budget rules in one currency.
 * - unit: one minor unit; budgets go out as major-unit numbers (reference §5.4), so finer than a cent cannot be said.
 * - minimum per level (above); a currency without a known minimum gets one unit, and TikTok's refusal decides.
 * - overspend: the dynamic daily budget spends at most 125% of the day's highest budget (official help, reference §5.4).
 */
export function tiktokBudgetRules(currency: string): BudgetRules {
  const unitMicros = MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(currency));
  const minimum = MINIMUMS[currency];
  if (!minimum) return { unitMicros, minDailyMicros: unitMicros, overspendFactor: 1.25 };
  const byLevel = { campaign: minimum.campaign * MICROS_PER_UNIT, adset: minimum.adset * MICROS_PER_UNIT };
  // The smaller of the two is the floor any level respects; the per-level figure is the real one.
  return { unitMicros, minDailyMicros: byLevel.adset, minDailyMicrosByLevel: byLevel, overspendFactor: 1.25 };
}
