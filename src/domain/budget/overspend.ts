/**
 * Spend exposure: the most a day can spend is the daily budget times the platform's overspend factor
 * (docs: Google Ads up to 2× on a day, help answer 6312; Meta 25% over; TikTok dynamic daily budget 125%).
 * Kept here with its source so a wrong guess is one edit; an entity's own overspendFactor overrides it.
 */
const OVERSPEND_BY_PLATFORM: Record<string, number> = { google_ads: 2, meta: 1.25, tiktok: 1.25 };

export function overspendFactorOf(platform: string, override?: number): number {
  return override ?? OVERSPEND_BY_PLATFORM[platform] ?? 1;
}

/** Worst-case daily spend, rounded up to a micro; the factor is read to 6 decimals so the product is exact. */
export function exposureOf(budgetMicros: bigint, factor: number): bigint {
  const millionths = BigInt(Math.round(factor * 1_000_000));
  return (budgetMicros * millionths + 999_999n) / 1_000_000n;
}
