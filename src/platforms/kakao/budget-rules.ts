import type { BudgetRules } from '../../connectors/budget';
import { MICROS_PER_UNIT } from '../../domain/money';
import { KAKAO_CURRENCY, KAKAO_DAILY_BUDGET_RULES } from './wire';

const won = (amount: number) => BigInt(amount) * MICROS_PER_UNIT;

/**
 * Kakao Moment daily-budget rules (KRW only, reference §0). All unverified, from community clients (wire.ts
 * KAKAO_DAILY_BUDGET_RULES, reference §4.5): 10 KRW steps; campaigns at least 50,000 KRW, ad groups 10,000 KRW.
 * Overspend 1: ads stop when spend reaches the daily budget (official help, budget-automation.md).
 */
export function kakaoBudgetRules(currency: string): BudgetRules {
  if (currency !== KAKAO_CURRENCY) throw new Error(`Kakao Moment budgets are in KRW, not ${currency}`);
  const { campaign, adset } = KAKAO_DAILY_BUDGET_RULES;
  return {
    unitMicros: won(campaign.step),
    minDailyMicros: won(campaign.min),
    minDailyMicrosByLevel: { campaign: won(campaign.min), adset: won(adset.min) },
    overspendFactor: 1,
  };
}
