/**
 * The oracle of a closed-loop simulation: the best split of a total of daily budgets when the true response of every
 * budget is known (expected outcome = coef · budget^b, 0 < b < 1), under the constraints a rule has in one run: each
 * budget within ±maxChange of where it is, its minimum and maximum, whole budget units, the total kept. Run once a
 * day from its own previous split, it is the best any allocator could do under those constraints without foreseeing
 * the noise. It is solved here on its own (not with the planner's water-filling), so a planner bug cannot flatter
 * the planner.
 */

export interface OracleUnit {
  id: string;
  /** Expected outcome a day at a budget of x micros: coef · x^b, coef > 0 and 0 < b < 1 (a budget that buys nothing
   * that day is left out of the split, and so held, by the caller). */
  coef: number;
  b: number;
  fromMicros: bigint;
  minMicros?: bigint;
  maxMicros?: bigint;
  unitMicros: bigint;
}

export interface OracleSplit {
  /** New budget per unit, in input order. */
  toMicros: bigint[];
  /** What whole units could not place (0 unless units do not nest); never an overshoot. */
  unplacedMicros: bigint;
}

const PPM = 1_000_000n;

/** Each unit's [lo, hi]: from ± maxChange, within min/max, on whole units; a budget breaking its own rules is held. */
export function oracleBounds(unit: OracleUnit, maxChange: number): { lo: bigint; hi: bigint } {
  const from = unit.fromMicros;
  const held = { lo: from, hi: from };
  if (from % unit.unitMicros !== 0n) return held;
  if (unit.minMicros !== undefined && from < unit.minMicros) return held;
  if (unit.maxMicros !== undefined && from > unit.maxMicros) return held;
  const step = (from * BigInt(Math.floor(maxChange * 1e6))) / PPM;
  let lo = roundUp(from - step, unit.unitMicros);
  const floor = unit.minMicros ?? unit.unitMicros;
  if (lo < floor) lo = roundUp(floor, unit.unitMicros);
  let hi = roundDown(from + step, unit.unitMicros);
  if (unit.maxMicros !== undefined && hi > unit.maxMicros) hi = roundDown(unit.maxMicros, unit.unitMicros);
  return { lo: lo > from ? from : lo, hi: hi < from ? from : hi };
}

/** The best split of the units' current total (see the file comment). */
export function oracleSplit(units: readonly OracleUnit[], maxChange: number): OracleSplit {
  if (units.length === 0) return { toMicros: [], unplacedMicros: 0n };
  for (const u of units) {
    if (!(u.coef > 0) || !(u.b > 0 && u.b < 1))
      throw new Error(`oracle unit ${u.id}: needs coef > 0 and 0 < b < 1 (got coef ${u.coef}, b ${u.b})`);
  }
  const bounds = units.map((u) => oracleBounds(u, maxChange));
  const total = units.reduce((s, u) => s + u.fromMicros, 0n);
  const lo = bounds.map((b) => Number(b.lo));
  const hi = bounds.map((b) => Number(b.hi));

  // KKT: every unit not at a bound has the same marginal λ, so x(λ) = (λ / (coef·b))^(1/(b−1)), clamped; the sum is
  // decreasing in λ and bisection on log λ finds the level that spends the total.
  const at = (logLambda: number) =>
    units.map((u, i) => {
      const x = Math.exp((logLambda - Math.log(u.coef * u.b)) / (u.b - 1));
      return Math.min(hi[i]!, Math.max(lo[i]!, x));
    });
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  let low = -200;
  let high = 200;
  for (let i = 0; i < 400 && high - low > 1e-12; i++) {
    const mid = (low + high) / 2;
    if (sum(at(mid)) > Number(total)) low = mid;
    else high = mid;
  }
  const continuous = at(high);

  // Whole units: round down (never below lo, which is whole), then hand out what is left one unit at a time to the
  // unit whose next unit adds the most.
  const to = units.map((u, i) => {
    const down = roundDown(BigInt(Math.floor(continuous[i]!)), u.unitMicros);
    return down < bounds[i]!.lo ? bounds[i]!.lo : down > bounds[i]!.hi ? bounds[i]!.hi : down;
  });
  let left = total - to.reduce((s, x) => s + x, 0n);
  // Rounding down loses less than a unit (and a micro of float error) per budget; more means the continuous split
  // missed the total.
  const slack = units.reduce((s, u) => s + u.unitMicros + 1n, 0n);
  if (left < 0n || left >= slack) throw new Error(`oracle split missed the total by ${left} micros`);
  const value = (i: number, x: bigint) => units[i]!.coef * Number(x) ** units[i]!.b;
  for (;;) {
    let best = -1;
    let bestGain = Number.NEGATIVE_INFINITY;
    units.forEach((u, i) => {
      if (u.unitMicros > left || to[i]! + u.unitMicros > bounds[i]!.hi) return;
      const gain = (value(i, to[i]! + u.unitMicros) - value(i, to[i]!)) / Number(u.unitMicros);
      if (gain > bestGain) [best, bestGain] = [i, gain];
    });
    if (best < 0) break;
    to[best] = to[best]! + units[best]!.unitMicros;
    left -= units[best]!.unitMicros;
  }
  return { toMicros: to, unplacedMicros: left };
}

/** Expected outcome of a split: Σ coef · x^b. */
export function expectedOutcome(units: readonly OracleUnit[], toMicros: readonly bigint[]): number {
  return units.reduce((s, u, i) => s + u.coef * Number(toMicros[i]!) ** u.b, 0);
}

function roundUp(value: bigint, unit: bigint): bigint {
  const r = ((value % unit) + unit) % unit;
  return r === 0n ? value : value + (unit - r);
}

function roundDown(value: bigint, unit: bigint): bigint {
  const r = ((value % unit) + unit) % unit;
  return value - r;
}
