import { fill, type FillUnit } from './water-fill';

/**
 * Water-filling under a cap on Σ factor_i·spend_i (the worst-case daily spend). With the cap binding, KKT gives each
 * unit marginal_i = λ + μ·factor_i: budget moves toward units that overspend less. Bisection on μ (outer) and λ
 * (inner, water-fill.ts) finds it. When even the least-exposed split of the total breaks the cap, the total itself is
 * reduced to the largest one the cap allows (increases give way first: the least-exposed split fills low factors).
 */
export interface CappedFill {
  spend: number[];
  level: number;
  total: number;
  capBinding: boolean;
  /** Set when no split of the total fits the cap and the total was reduced. */
  reduced?: boolean;
}

export function fillUnderExposureCap(
  units: readonly FillUnit[],
  factors: readonly number[],
  total: number,
  cap: number | undefined,
): CappedFill {
  const plain = fill(units, total);
  if (cap === undefined || exposure(plain.spend, factors) <= cap) return { ...plain, total, capBinding: false };

  if (leastExposure(units, factors, total).exposure > cap) {
    let low = units.reduce((s, u) => s + u.lo, 0);
    let high = total;
    for (let i = 0; i < 100 && high - low > 0.5; i++) {
      const mid = (low + high) / 2;
      if (leastExposure(units, factors, mid).exposure > cap) high = mid;
      else low = mid;
    }
    const least = leastExposure(units, factors, low);
    return {
      spend: least.spend,
      level: plain.level,
      total: low,
      capBinding: true,
      reduced: true,
    };
  }

  let muLow = 0;
  let muHigh = plain.level;
  for (let i = 0; i < 80 && exposure(fill(units, total, penalties(factors, muHigh)).spend, factors) > cap; i++)
    muHigh *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (muLow + muHigh) / 2;
    if (exposure(fill(units, total, penalties(factors, mid)).spend, factors) > cap) muLow = mid;
    else muHigh = mid;
  }
  const capped = fill(units, total, penalties(factors, muHigh));
  return { ...capped, total, capBinding: true };
}

/** The split of `total` with the least exposure: everyone at lo, then the rest to the lowest factors first. */
function leastExposure(units: readonly FillUnit[], factors: readonly number[], total: number) {
  const spend = units.map((u) => u.lo);
  let left = total - spend.reduce((s, x) => s + x, 0);
  const order = units.map((_, i) => i).sort((p, q) => factors[p]! - factors[q]! || p - q);
  for (const i of order) {
    const add = Math.min(left, units[i]!.hi - spend[i]!);
    spend[i] = spend[i]! + add;
    left -= add;
  }
  return { spend, exposure: exposure(spend, factors) };
}

function penalties(factors: readonly number[], mu: number): number[] {
  return factors.map((f) => f * mu);
}

function exposure(spend: readonly number[], factors: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < spend.length; i++) sum += spend[i]! * factors[i]!;
  return sum;
}
