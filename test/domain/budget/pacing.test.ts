import { describe, expect, it } from 'vitest';
import { requiredDailyBudget } from '../../../src/domain/budget/pacing';

const KRW = 1_000_000n;

describe('monthly pacing', () => {
  it('even: what is left over the days left, today included', () => {
    // November 2026 has 30 days; from the 21st, 10 days are left (21..30).
    // 3,000,000 − 2,100,000 = 900,000 KRW left → 90,000 KRW a day.
    const pacing = requiredDailyBudget({
      monthlyBudgetMicros: 3_000_000n * KRW,
      spentToDateMicros: 2_100_000n * KRW,
      date: '2026-11-21',
    });
    expect(pacing.daysLeft).toBe(10);
    expect(pacing.todayMicros).toBe(90_000n * KRW);
    expect(pacing.days.every((d) => d.micros === 90_000n * KRW)).toBe(true);
    expect(pacing.days.at(-1)!.date).toBe('2026-11-30');
  });

  it('splits an uneven amount in whole micros that sum exactly, earlier days first', () => {
    // 100 micros over the 28th, 29th, 30th: 33 each and 1 left, which goes to the 28th.
    const pacing = requiredDailyBudget({ monthlyBudgetMicros: 1100n, spentToDateMicros: 1000n, date: '2026-11-28' });
    expect(pacing.days.map((d) => d.micros)).toEqual([34n, 33n, 33n]);
  });

  it('weekday-weighted: weekend days at half weight', () => {
    // From Saturday 2026-11-21: Sat 21, Sun 22, Mon 23 .. Fri 27, Sat 28, Sun 29, Mon 30.
    // Weekdays 23-27 and 30 = 6 × 1; weekend 21, 22, 28, 29 = 4 × 0.5 = 2; total weight 8.
    // 800,000 KRW left → 100,000 a weekday, 50,000 a weekend day.
    const pacing = requiredDailyBudget({
      monthlyBudgetMicros: 1_000_000n * KRW,
      spentToDateMicros: 200_000n * KRW,
      date: '2026-11-21',
      weekdayWeights: [1, 1, 1, 1, 1, 0.5, 0.5],
    });
    expect(pacing.todayMicros).toBe(50_000n * KRW);
    const byDate = Object.fromEntries(pacing.days.map((d) => [d.date, d.micros / KRW]));
    expect(byDate).toMatchObject({ '2026-11-22': 50_000n, '2026-11-23': 100_000n, '2026-11-30': 100_000n });
    expect(pacing.days.reduce((s, d) => s + d.micros, 0n)).toBe(800_000n * KRW);
  });

  it('a month already over budget needs nothing more and says by how much', () => {
    const pacing = requiredDailyBudget({ monthlyBudgetMicros: 500n, spentToDateMicros: 700n, date: '2026-02-27' });
    expect(pacing).toMatchObject({ remainingMicros: 0n, overspentMicros: 200n, daysLeft: 2, todayMicros: 0n });
  });

  it('rejects bad dates and weights', () => {
    expect(() => requiredDailyBudget({ monthlyBudgetMicros: 1n, spentToDateMicros: 0n, date: '2026-02-30' })).toThrow(
      /date/,
    );
    expect(() =>
      requiredDailyBudget({ monthlyBudgetMicros: 1n, spentToDateMicros: 0n, date: '2026-02-03', weekdayWeights: [1] }),
    ).toThrow(/weekdayWeights/);
  });
});
