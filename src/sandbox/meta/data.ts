import type { MaturityRule } from '../../domain/maturity';
import { metaCurrencyOffset, MICROS_PER_UNIT } from '../../domain/money';
import { generateCampaigns, type GeneratedCampaign, type SandboxAccount } from '../generator';

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
