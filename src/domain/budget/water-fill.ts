import { marginalAt, spendAtMarginal, type ResponseCurve } from './curve';

/**
 * Continuous water-filling: for concave curves the best split of a total gives every unit the same marginal return λ
 * unless a bound stops it (KKT). Each unit's spend at λ is closed-form (spendAtMarginal) and decreases in λ, so the
 * total is monotone in λ and bisection on log λ finds the level. `penalty[i]` is added to λ for unit i: the
 * exposure constraint's multiplier times the unit's overspend factor (exposure.ts).
 */

export interface FillUnit {
  curve: ResponseCurve;
  lo: number;
  hi: number;
}

export function spendAt(unit: FillUnit, level: number): number {
  const x = spendAtMarginal(unit.curve, level);
  return x < unit.lo ? unit.lo : x > unit.hi ? unit.hi : x;
}

export function totalAt(units: readonly FillUnit[], level: number, penalty?: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < units.length; i++) sum += spendAt(units[i]!, level + (penalty?.[i] ?? 0));
  return sum;
}

/** λ such that the units' spend sums to `total` (which must lie within [Σlo, Σhi]). */
export function waterLevel(units: readonly FillUnit[], total: number, penalty?: readonly number[]): number {
  if (units.length === 0) return 0;
  let low = Number.POSITIVE_INFINITY; // a level at which every unit is at hi (sum too large)
  let high = 0; // a level at which every unit is at lo (sum too small)
  for (const u of units) {
    low = Math.min(low, marginalAt(u.curve, u.hi));
    high = Math.max(high, marginalAt(u.curve, Math.max(u.lo, 1)));
  }
  let logLow = Math.log(low) - 1;
  let logHigh = Math.log(high) + 1;
  // 200 halvings of a log range take it below double precision; stop early once it stops shrinking.
  for (let i = 0; i < 200; i++) {
    const mid = (logLow + logHigh) / 2;
    if (mid === logLow || mid === logHigh) break;
    if (totalAt(units, Math.exp(mid), penalty) > total) logLow = mid;
    else logHigh = mid;
  }
  return Math.exp((logLow + logHigh) / 2);
}

export function fill(units: readonly FillUnit[], total: number, penalty?: readonly number[]) {
  const level = waterLevel(units, total, penalty);
  return { level, spend: units.map((u, i) => spendAt(u, level + (penalty?.[i] ?? 0))) };
}
