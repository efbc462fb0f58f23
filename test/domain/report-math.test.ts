import { describe, expect, it } from 'vitest';
import { deriveKpis, ratio, sumTotals } from '../../src/domain/report-math';

describe('report math', () => {
  const totals = {
    impressions: 48211,
    clicks: 913,
    spendMicros: 152_340_000_000n,
    conversions: 37,
    conversionValueMicros: 2_410_500_000_000n,
  };

  it('derives KPIs from summed integers', () => {
    expect(deriveKpis(totals, 0)).toEqual({ ctrPct: '1.89', cpc: '167', roas: '15.82', cpa: '4117' });
  });

  it('leaves ratios empty instead of dividing by zero', () => {
    expect(
      deriveKpis({ impressions: 0, clicks: 0, spendMicros: 0n, conversions: 0, conversionValueMicros: 0n }, 2),
    ).toEqual({ ctrPct: null, cpc: null, roas: null, cpa: null });
  });

  it('sums bigints without losing precision', () => {
    const big = { ...totals, spendMicros: 9_007_199_254_740_993n };
    expect(sumTotals([big, big]).spendMicros).toBe(18_014_398_509_481_986n);
  });

  it('rounds exact ratios half-up', () => {
    expect(ratio(2n, 3n, 2)).toBe('0.67');
    expect(ratio(1n, 8n, 2)).toBe('0.13');
    expect(ratio(10n, 4n, 0)).toBe('3');
  });
});
