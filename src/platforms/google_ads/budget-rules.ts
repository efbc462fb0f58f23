import type { BudgetRules } from '../../connectors/budget';
import { currencyDecimals, MICROS_PER_UNIT } from '../../domain/money';

/**
 * Google Ads daily-budget rules in one currency.
 * - unit: amounts must be multiples of currency_constant.billable_unit_micros (official: docs fields/v26/
 *   currency_constant). Taken as one minor unit: USD 10,000 micros (1 cent); KRW 1,000,000 (one won) is unverified,
 *   the real KRW billable unit may be larger (then Google refuses with NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT).
 * - minimum: none documented in general; Demand Gen needs $5/day or local equivalent (official: docs campaigns/budgets/
 *   restrictions-errors), which depends on the campaign type, not the currency: so only "more than nothing" here.
 * - overspend: a day may reach 2x the average daily budget, at most 30.4x per month (official: Google Ads Help 6385083,
 *   6312; reference §2.6 notes it was not re-read).
 */
export function googleAdsBudgetRules(currency: string): BudgetRules {
  const unitMicros = MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(currency));
  return { unitMicros, minDailyMicros: unitMicros, overspendFactor: 2 };
}
