import { describe, expect, it } from 'vitest';
import type { ResponseCurve } from '../../../src/domain/budget/curve';
import { roundToUnits, type LatticeUnit } from '../../../src/domain/budget/rounding';
import { fill } from '../../../src/domain/budget/water-fill';

/** y = a·x^b written as a planning curve around log x = 0, with no uncertainty. */
function power(a: number, b: number): ResponseCurve {
  return { level: Math.log(a), b, meanLogX: 0, varLevel: 0, varB: 0 };
}

describe('water-filling on known curves (worked by hand)', () => {
  it('equal exponents: spend goes as a^(1/(1−b))', () => {
    // y1 = 2·√x, y2 = √x. Marginals x^−½ and ½x^−½ are equal when x1 = 4·x2; x1 + x2 = 5e11 → 4e11 and 1e11.
    const { spend } = fill(
      [
        { curve: power(2, 0.5), lo: 1e10, hi: 1e12 },
        { curve: power(1, 0.5), lo: 1e10, hi: 1e12 },
      ],
      5e11,
    );
    expect(spend[0]).toBeCloseTo(4e11, -2);
    expect(spend[1]).toBeCloseTo(1e11, -2);
  });

  it('a bound that binds sends the rest to the other unit', () => {
    // Same curves, x1 ≤ 3e11: x1 = 3e11, x2 = 5e11 − 3e11 = 2e11 (its marginal is still above x1's unconstrained one).
    const { spend } = fill(
      [
        { curve: power(2, 0.5), lo: 1e10, hi: 3e11 },
        { curve: power(1, 0.5), lo: 1e10, hi: 1e12 },
      ],
      5e11,
    );
    expect(spend[0]).toBe(3e11);
    expect(spend[1]).toBeCloseTo(2e11, -2);
  });

  it('different exponents', () => {
    // y1 = x^0.5: marginal 0.5·x^−0.5 = λ → x1 = 0.25/λ². y2 = a2·x^0.25 with a2 = 40·√10: marginal 0.25·a2·x^−0.75
    // = λ → x2 = (λ / (10·√10))^(−4/3). At λ = 0.001: x1 = 250,000 and x2 = (10^−4.5)^(−4/3) = 10^6.
    // So the total 1,250,000 splits 250,000 / 1,000,000.
    const { spend, level } = fill(
      [
        { curve: power(1, 0.5), lo: 1000, hi: 1e7 },
        { curve: power(40 * Math.sqrt(10), 0.25), lo: 1000, hi: 1e7 },
      ],
      1_250_000,
    );
    expect(level).toBeCloseTo(0.001, 9);
    expect(spend[0]).toBeCloseTo(250_000, 0);
    expect(spend[1]).toBeCloseTo(1_000_000, 0);
  });
});

describe('rounding onto budget units', () => {
  const byIndex = (i: number) => -i; // earlier units have the higher marginal return
  /** Rounds with byIndex and checks the budgets and the leftover. */
  const expectRounded = (
    units: LatticeUnit[],
    spend: number[],
    target: bigint,
    expected: { to: bigint[]; leftover: bigint },
  ) => {
    const { to, leftover } = roundToUnits(units, spend, target, byIndex);
    expect(to).toEqual(expected.to);
    expect(leftover).toBe(expected.leftover);
  };

  it('nested units (1 and 10 KRW) meet the target to the micro', () => {
    // Continuous 123,456.7 and 76,543.3 KRW around 100,000 each; units 1 KRW and 10 KRW.
    // Truncated toward from: 123,456 and 76,550 (10 KRW lattice) = 200,006 → 6 KRW over: the unit with the lower
    // marginal (the second) cannot take 6 KRW off in 10 KRW steps, so the first gives 6: 123,450 + 76,550 = 200,000.
    const K = 1_000_000n;
    expectRounded(
      [
        { from: 100_000n * K, lo: 50_000n * K, hi: 150_000n * K, unit: K },
        { from: 100_000n * K, lo: 50_000n * K, hi: 150_000n * K, unit: 10n * K },
      ],
      [123_456.7e6, 76_543.3e6],
      200_000n * K,
      { to: [123_450n * K, 76_550n * K], leftover: 0n },
    );
  });

  it('when over by less than any unit can take off, steps below and fills up again', () => {
    // Units 10 and 15 from 100 each; continuous 125 / 75. Truncated toward from: 120 and 85 (one 15-step) = 205,
    // 5 over, and no unit takes off just 5. The lower-marginal unit steps down past it: 70 → 190, 10 short, which
    // the first unit takes: 130 + 70 = 200.
    expectRounded(
      [
        { from: 100n, lo: 0n, hi: 200n, unit: 10n },
        { from: 100n, lo: 10n, hi: 190n, unit: 15n },
      ],
      [125, 75],
      200n,
      { to: [130n, 70n], leftover: 0n },
    );
  });

  it('units that do not nest fall back toward the current budgets until the total is exact', () => {
    // As above but the 15-unit cannot go below 85 and the 10-unit not below 100: 120 + 85 = 205; stepping the
    // 10-unit down gives 110 + 85 = 195, 5 short with no 5-step anywhere. Putting the 15-unit back at 100 (frozen):
    // 110 + 100 = 210, the 10-unit gives 10 → 100 + 100 = 200 exactly.
    expectRounded(
      [
        { from: 100n, lo: 100n, hi: 130n, unit: 10n },
        { from: 100n, lo: 85n, hi: 115n, unit: 15n },
      ],
      [125, 75],
      200n,
      { to: [100n, 100n], leftover: 0n },
    );
  });

  it('a target off every unit is left short, never over, and says by how much', () => {
    expectRounded([{ from: 100n, lo: 50n, hi: 150n, unit: 10n }], [133], 133n, { to: [130n], leftover: 3n });
  });
});
