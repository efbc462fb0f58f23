import { describe, expect, it } from 'vitest';
import { expectedOutcome, oracleBounds, oracleSplit, type OracleUnit } from '../../../src/domain/simulation/oracle';

/** Units with b = 0.5: at equal marginals x ∝ coef², so the best split is worked out by hand. */
const unit = (id: string, coef: number, fromMicros: bigint, unitMicros = 1n, extra: Partial<OracleUnit> = {}) => ({
  id,
  coef,
  b: 0.5,
  fromMicros,
  unitMicros,
  ...extra,
});

describe('the oracle split', () => {
  it('puts every unit where the marginals are equal when no bound binds', () => {
    // coef 1 and 2: x1 : x2 = 1 : 4 of the total 1000.
    const split = oracleSplit([unit('a', 1, 500n), unit('b', 2, 500n)], 10);
    expect(split).toEqual({ toMicros: [200n, 800n], unplacedMicros: 0n });
  });

  it('moves each budget at most maxChange of where it is', () => {
    // The optimum (200, 800) is out of reach: ±20% of 500 is [400, 600].
    const split = oracleSplit([unit('a', 1, 500n), unit('b', 2, 500n)], 0.2);
    expect(split.toMicros).toEqual([400n, 600n]);
  });

  it('lands on whole budget units, handing the rest to the unit whose next unit adds most', () => {
    // Continuous optimum of 1020 split 1:4 is (204, 816); on 30-micro units (180, 810) leaves 30: a unit more on a
    // adds √210 − √180 = 1.0750, on b 2·(√840 − √810) = 1.0446, so a gets it.
    const split = oracleSplit([unit('a', 1, 510n, 30n), unit('b', 2, 510n, 30n)], 10);
    expect(split).toEqual({ toMicros: [210n, 810n], unplacedMicros: 0n });
  });

  it('says what units that do not nest leave unplaced, and never overshoots the total', () => {
    // coef² in the ratio 525 : 485 puts the optimum at (525, 485); on units of 20 and 30 that is (520, 480), and the
    // 10 left fits neither unit.
    const split = oracleSplit([unit('a', Math.sqrt(525 / 485), 500n, 20n), unit('b', 1, 510n, 30n)], 0.1);
    expect(split).toEqual({ toMicros: [520n, 480n], unplacedMicros: 10n });
  });

  it('holds a budget that breaks its own rules and splits the rest among the others', () => {
    const held = unit('held', 5, 500n, 1n, { minMicros: 600n });
    const split = oracleSplit([held, unit('a', 1, 500n), unit('b', 2, 500n)], 10);
    expect(split.toMicros).toEqual([500n, 200n, 800n]);
  });

  it('refuses a unit whose curve is not a concave power curve', () => {
    expect(() => oracleSplit([unit('a', 0, 500n)], 0.1)).toThrow(/coef > 0/);
    expect(() => oracleSplit([{ ...unit('a', 1, 500n), b: 1 }], 0.1)).toThrow(/0 < b < 1/);
  });

  it('scores a split on the true curves', () => {
    expect(expectedOutcome([unit('a', 1, 0n), unit('b', 2, 0n)], [400n, 900n])).toBeCloseTo(20 + 60, 10);
  });
});

describe("the oracle's bounds", () => {
  it('are ±maxChange on whole units, within min and max', () => {
    expect(oracleBounds(unit('a', 1, 100n), 0.5)).toEqual({ lo: 50n, hi: 150n });
    expect(oracleBounds(unit('a', 1, 100n, 1n, { minMicros: 80n, maxMicros: 120n }), 0.5)).toEqual({
      lo: 80n,
      hi: 120n,
    });
    // 400 ± 15% = [340, 460], inward onto units of 40: [360, 440]; 320 ± 10% = [288, 352] has no other whole unit.
    expect(oracleBounds(unit('a', 1, 400n, 40n), 0.15)).toEqual({ lo: 360n, hi: 440n });
    expect(oracleBounds(unit('a', 1, 320n, 40n), 0.1)).toEqual({ lo: 320n, hi: 320n });
    // A zero budget is not a daily budget: the floor is one unit.
    expect(oracleBounds(unit('a', 1, 10n), 5)).toEqual({ lo: 1n, hi: 60n });
  });

  it('hold a budget that is not a whole unit, or is outside its own min or max', () => {
    expect(oracleBounds(unit('a', 1, 105n, 10n), 0.5)).toEqual({ lo: 105n, hi: 105n });
    expect(oracleBounds(unit('a', 1, 50n, 1n, { minMicros: 60n }), 0.5)).toEqual({ lo: 50n, hi: 50n });
    expect(oracleBounds(unit('a', 1, 150n, 1n, { maxMicros: 120n }), 0.5)).toEqual({ lo: 150n, hi: 150n });
  });
});
