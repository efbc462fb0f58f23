import type { PlatformSettings } from '../config/schema';
import type { EntityLevel } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import type { BudgetRules } from './budget';
import { BUDGET_RULES } from './registry';

/**
 * A platform's budget rules in one currency: the defaults its budget-rules.ts states from the docs, with the overrides
 * of config/platforms.yaml (`budget:`) on top, where the docs leave a number unverified.
 */
export function effectiveBudgetRules(
  platform: Platform,
  currency: string,
  overrides: PlatformSettings['budget'],
): BudgetRules {
  const base = BUDGET_RULES[platform](currency);
  if (!overrides) return base;
  const byLevel: Partial<Record<EntityLevel, bigint>> = { ...base.minDailyMicrosByLevel };
  for (const level of ['campaign', 'adset'] as const) {
    const min = overrides.minDaily?.[level]?.[currency];
    if (min !== undefined) byLevel[level] = min;
  }
  return {
    ...base,
    unitMicros: overrides.unit?.[currency] ?? base.unitMicros,
    ...(Object.keys(byLevel).length ? { minDailyMicrosByLevel: byLevel } : {}),
    overspendFactor: overrides.overspendFactor ?? base.overspendFactor,
    ...(overrides.changesPerHour !== undefined ? { changesPerHour: overrides.changesPerHour } : {}),
  };
}
