import { describe, expect, it } from 'vitest';
import { change, divideHalfUp, kpiDelta, kpis, ZERO_TOTALS } from '../../src/domain/report-math';
import { monthPacing } from '../../src/domain/report-pacing';

const KRW = 1_000_000n;

describe('report KPIs from summed integers (worked by hand)', () => {
  // 250,000 KRW spend, 40,000 impressions, 500 clicks, 12.5 conversions, 1,000,000 KRW revenue.
  const t = {
    spendMicros: 250_000n * KRW,
    impressions: 40_000,
    clicks: 500,
    conversions: 12.5,
    revenueMicros: 1_000_000n * KRW,
  };

  it('derives every ratio', () => {
    expect(kpis(t)).toEqual({
      ...t,
      ctr: 0.0125, // 500 / 40,000
      cpcMicros: 500n * KRW, // 250,000 / 500
      cpmMicros: 6_250n * KRW, // 250,000 × 1,000 / 40,000
      cvr: 0.025, // 12.5 / 500
      cpaMicros: 20_000n * KRW, // 250,000 / 12.5
      roas: 4, // 1,000,000 / 250,000
    });
  });

  it('rounds money ratios half-up to a micro', () => {
    // 10 micros / 3 clicks = 3.33 → 3; 5 micros / 2 = 2.5 → 3; CPA 1 micro / 0.3 conversions = 3.33 → 3.
    expect(kpis({ ...ZERO_TOTALS, spendMicros: 10n, clicks: 3 }).cpcMicros).toBe(3n);
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(kpis({ ...ZERO_TOTALS, spendMicros: 1n, conversions: 0.3 }).cpaMicros).toBe(3n);
  });

  it('is null, not a division by zero, where a ratio is undefined', () => {
    expect(kpis(ZERO_TOTALS)).toMatchObject({
      ctr: null,
      cpcMicros: null,
      cpmMicros: null,
      cvr: null,
      cpaMicros: null,
      roas: null,
    });
  });

  it('deltas: (current − previous) / previous, null against 0 or null', () => {
    expect(change(150n, 100n)).toBe(0.5);
    expect(change(75, 100)).toBe(-0.25);
    expect(change(5, 0)).toBeNull();
    expect(change(null, 3)).toBeNull();
    const previous = kpis({ ...t, spendMicros: 200_000n * KRW, clicks: 400 });
    const delta = kpiDelta(kpis(t), previous);
    expect(delta.spend).toBe(0.25); // 250,000 / 200,000 − 1
    expect(delta.clicks).toBe(0.25); // 500 / 400 − 1
    expect(delta.impressions).toBe(0);
    expect(delta.cpc).toBe(0); // 500 both times
    expect(delta.roas).toBeCloseTo(-0.2, 12); // 4 against 5 (1,000,000 / 200,000)
  });
});

describe('month pacing for a report', () => {
  it('mid-month: projected at the average so far, the rest spread over the days left', () => {
    // November has 30 days; through the 10th 1,200,000 spent → 120,000 a day → projected 3,600,000.
    // Budget 3,000,000: 1,800,000 left over 20 days (11th..30th) → 90,000 a day.
    expect(
      monthPacing({
        monthlyBudgetMicros: 3_000_000n * KRW,
        monthToDateSpendMicros: 1_200_000n * KRW,
        through: '2026-11-10',
      }),
    ).toEqual({
      monthlyBudgetMicros: 3_000_000n * KRW,
      monthToDateSpendMicros: 1_200_000n * KRW,
      projectedMicros: 3_600_000n * KRW,
      requiredDailyMicros: 90_000n * KRW,
      daysElapsed: 10,
      daysInMonth: 30,
    });
  });

  it('over budget: nothing more to spend; a complete month projects to what it spent', () => {
    const over = monthPacing({ monthlyBudgetMicros: 100n, monthToDateSpendMicros: 150n, through: '2028-02-20' });
    expect(over).toMatchObject({ requiredDailyMicros: 0n, daysInMonth: 29, projectedMicros: 218n }); // 150 × 29 / 20 = 217.5
    const done = monthPacing({ monthlyBudgetMicros: 100n, monthToDateSpendMicros: 90n, through: '2026-10-31' });
    expect(done).toMatchObject({ projectedMicros: 90n, requiredDailyMicros: 0n, daysElapsed: 31, daysInMonth: 31 });
  });
});
