import type { BudgetRules } from '../../connectors/budget';
import { MICROS_PER_UNIT } from '../../domain/money';
import { NAVER_CURRENCY } from './parse';

/**
 * Naver Search Ad daily-budget rules (KRW only: Naver Search Ad accounts are KRW, reference §0).
 * - unit: 10 KRW. unverified: the published spec has no step (reference §3.5); bids move in 10 KRW steps and the UI
 *   is commonly said to take budgets in 10 KRW steps too.
 * - minimum: 50 KRW. unverified: no documented minimum (reference §3.5 "UI limits apply"); the UI floor is commonly
 *   cited as 50 KRW.
 * - overspend 1: a campaign stops when its daily budget is spent ("budget lock", naver/searchad-apidoc#732), though
 *   maintenance windows can let spend pass it (reference §3.6).
 */
export function naverBudgetRules(currency: string): BudgetRules {
  if (currency !== NAVER_CURRENCY) throw new Error(`Naver Search Ad budgets are in KRW, not ${currency}`);
  return { unitMicros: 10n * MICROS_PER_UNIT, minDailyMicros: 50n * MICROS_PER_UNIT, overspendFactor: 1 };
}
