import type { BudgetRules } from '../../connectors/budget';
import { MICROS_PER_UNIT, metaCurrencyOffset } from '../../domain/money';

/**
 * Meta daily-budget rules in one currency.
 * - unit: one minor unit via the currency offset (USD 1 cent, KRW 1 won). Official: docs marketing-api/currencies.
 * - minimum: Meta states it per account and currency at GET /act_{id}/minimum_budgets (official, not called yet).
 *   Until it is, a conservative floor: 1.00 of a two-decimal currency, 1,000 of a zero-decimal one (KRW, JPY).
 *   unverified: Meta's real minimums depend on currency and billing event (e.g. "at least ₹40.00" quoted in
 *   facebook/facebook-php-business-sdk#338); config overrides.
 * - overspend: older docs say a day may reach 125% of the daily budget, newer ones 175% (reference §1.7): 1.25 is the
 *   planning figure in budget-automation.md, configurable.
 * - 4 budget changes per ad set per hour (reference §1.6 "Budget-change limit"; unverified beyond Meta's rate-limit page).
 */
export function metaBudgetRules(currency: string): BudgetRules {
  const offset = metaCurrencyOffset(currency);
  const unitMicros = MICROS_PER_UNIT / offset;
  const floorMajor = offset === 1n ? 1_000n : 1n;
  return {
    unitMicros,
    minDailyMicros: floorMajor * MICROS_PER_UNIT,
    overspendFactor: 1.25,
    changesPerHour: 4,
  };
}
