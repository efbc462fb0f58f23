import { microsToDecimal } from './money';
import type { KpiDelta, Kpis, Totals } from '../reports/model';

export interface MetricTotals {
  impressions: number;
  clicks: number;
  spendMicros: bigint;
  conversions: number;
  conversionValueMicros: bigint;
}

export interface DerivedKpis {
  /** Percent, 2 decimals; null when there were no impressions. */
  ctrPct: string | null;
  /** Cost per click in currency units; null without clicks. */
  cpc: string | null;
  /** Revenue / spend as a ratio (3.25 = 325%); null without spend. */
  roas: string | null;
  /** Cost per conversion; null without conversions. */
  cpa: string | null;
}

/** Ratios are derived here from summed integers (the database only sums; docs/architecture.md, "Storage subset"). */
export function deriveKpis(t: MetricTotals, currencyDecimals: number): DerivedKpis {
  return {
    ctrPct: t.impressions > 0 ? ((t.clicks / t.impressions) * 100).toFixed(2) : null,
    cpc: t.clicks > 0 ? microsToDecimal(t.spendMicros / BigInt(t.clicks), currencyDecimals) : null,
    roas: t.spendMicros > 0n ? ratio(t.conversionValueMicros, t.spendMicros, 2) : null,
    cpa:
      t.conversions > 0
        ? microsToDecimal(BigInt(Math.round(Number(t.spendMicros) / t.conversions)), currencyDecimals)
        : null,
  };
}

export function sumTotals(rows: MetricTotals[]): MetricTotals {
  return rows.reduce<MetricTotals>(
    (acc, r) => ({
      impressions: acc.impressions + r.impressions,
      clicks: acc.clicks + r.clicks,
      spendMicros: acc.spendMicros + r.spendMicros,
      conversions: acc.conversions + r.conversions,
      conversionValueMicros: acc.conversionValueMicros + r.conversionValueMicros,
    }),
    { impressions: 0, clicks: 0, spendMicros: 0n, conversions: 0, conversionValueMicros: 0n },
  );
}

/** Exact decimal ratio of two bigints, rounded half-up to `decimals`. */
export function ratio(numerator: bigint, denominator: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const scaled = (numerator * scale * 2n + denominator) / (denominator * 2n);
  const text = scaled.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

interface HierarchyRow {
  platform: string;
  accountId: string;
  level: 'campaign' | 'adset';
  entityId: string;
  campaignId?: string;
}

/**
 * Report order: by platform and account, each campaign followed by its own ad sets. Ad sets are a breakdown of
 * their campaign, so totals must be taken over `campaignRows` only, or every amount would be counted twice.
 */
export function orderForReport<R extends HierarchyRow>(rows: R[]): R[] {
  const key = (r: R) => [r.platform, r.accountId, r.campaignId ?? r.entityId, r.level === 'campaign' ? 0 : 1];
  return [...rows].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i += 1) {
      const [x, y] = [ka[i] as string | number, kb[i] as string | number];
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0;
  });
}

export function campaignRows<R extends HierarchyRow>(rows: R[]): R[] {
  return rows.filter((r) => r.level === 'campaign');
}

/** The report model's summed figures (src/reports/model.ts); ratios below are derived from them. */
export const ZERO_TOTALS: Totals = { spendMicros: 0n, impressions: 0, clicks: 0, conversions: 0, revenueMicros: 0n };

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    spendMicros: a.spendMicros + b.spendMicros,
    impressions: a.impressions + b.impressions,
    clicks: a.clicks + b.clicks,
    conversions: a.conversions + b.conversions,
    revenueMicros: a.revenueMicros + b.revenueMicros,
  };
}

/** n / d for non-negative bigints, rounded half-up to a whole micro. */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (d * 2n);
}

/**
 * Conversions may be fractional (Google data-driven attribution), so cost per conversion divides by conversions
 * scaled to millionths: exact for up to 6 decimals, never through a float on the money side.
 */
const CONVERSION_SCALE = 1_000_000;

export function kpis(t: Totals): Kpis {
  const scaledConversions = BigInt(Math.round(t.conversions * CONVERSION_SCALE));
  return {
    ...t,
    ctr: t.impressions > 0 ? t.clicks / t.impressions : null,
    cpcMicros: t.clicks > 0 ? divideHalfUp(t.spendMicros, BigInt(t.clicks)) : null,
    cpmMicros: t.impressions > 0 ? divideHalfUp(t.spendMicros * 1000n, BigInt(t.impressions)) : null,
    cvr: t.clicks > 0 ? t.conversions / t.clicks : null,
    cpaMicros:
      scaledConversions > 0n ? divideHalfUp(t.spendMicros * BigInt(CONVERSION_SCALE), scaledConversions) : null,
    roas: t.spendMicros > 0n ? Number(t.revenueMicros) / Number(t.spendMicros) : null,
  };
}

/** (current − previous) / previous as a fraction; null when there is nothing to compare with (0 or null). */
export function change(current: number | bigint | null, previous: number | bigint | null): number | null {
  if (current === null || previous === null || Number(previous) === 0) return null;
  // Subtract first (exact for bigints), then divide: the fraction needs no more than a double's precision.
  const diff = typeof current === 'bigint' && typeof previous === 'bigint' ? current - previous : null;
  return diff !== null ? Number(diff) / Number(previous) : (Number(current) - Number(previous)) / Number(previous);
}

export function kpiDelta(current: Kpis, previous: Kpis): KpiDelta {
  return {
    spend: change(current.spendMicros, previous.spendMicros),
    impressions: change(current.impressions, previous.impressions),
    clicks: change(current.clicks, previous.clicks),
    conversions: change(current.conversions, previous.conversions),
    revenue: change(current.revenueMicros, previous.revenueMicros),
    ctr: change(current.ctr, previous.ctr),
    cpc: change(current.cpcMicros, previous.cpcMicros),
    cpm: change(current.cpmMicros, previous.cpmMicros),
    cvr: change(current.cvr, previous.cvr),
    cpa: change(current.cpaMicros, previous.cpaMicros),
    roas: change(current.roas, previous.roas),
  };
}
