/**
 * From continuous spends to budgets in whole units that sum to the target to the micro.
 *
 * Every unit moves on its own lattice from + k·unit within [lo, hi] (lo, hi and from are on it). The continuous move
 * is first truncated toward `from`, so no bound is crossed; the residual r = target − Σ is then closed one unit step
 * at a time, best marginal return first (or worst first when taking away), only with steps no larger than what is
 * left. With nested units (1 KRW and 10 KRW) that always closes r exactly. When it cannot (units 10 and 15 and r = 5),
 * the mover with the largest unit is put back to its current budget and the fill is retried: in the end everything
 * is back at `from`, whose sum is the current total, so a target equal to the current total (the same-total
 * objectives' default) is always met exactly. What is still left (a target no combination of units reaches) is
 * returned as `leftover` ≥ 0: never over the target, never off a unit, never outside a bound.
 */

export interface LatticeUnit {
  from: bigint;
  lo: bigint;
  hi: bigint;
  unit: bigint;
}

export function roundToUnits(
  units: readonly LatticeUnit[],
  spend: readonly number[],
  target: bigint,
  marginal: (index: number, micros: bigint) => number,
): { to: bigint[]; leftover: bigint } {
  const to = units.map((u, i) => truncateTowardFrom(u, spend[i]!));
  const residual = settle(units, to, target, marginal, new Set());
  if (residual === 0n) return { to, leftover: 0n };
  // A target off the lattice of every unit's gcd is unreachable however the units are combined: keep the leftover.
  if (residual > 0n && (target - sumFrom(units)) % gcdOfUnits(units) !== 0n) return { to, leftover: residual };
  // Units that do not nest: put movers back one at a time until the target is met exactly.
  const trial = [...to];
  const reverted = new Set<number>();
  let fallback = residual > 0n ? { to, leftover: residual } : undefined;
  while (revertLargestMover(units, trial, reverted)) {
    const left = settle(units, trial, target, marginal, reverted);
    if (left === 0n) return { to: trial, leftover: 0n };
    if (left > 0n && fallback === undefined) fallback = { to: [...trial], leftover: left };
  }
  // Cannot happen when Σlo ≤ target; kept so this can never silently return more than the target.
  if (!fallback)
    throw new Error(`budget rounding: over the target by ${-residual} micros with every unit at its current budget`);
  return fallback;
}

/** Closes the residual; when over the target by less than any unit can take off, steps below it and fills up again. */
function settle(
  units: readonly LatticeUnit[],
  to: bigint[],
  target: bigint,
  marginal: (index: number, micros: bigint) => number,
  frozen: ReadonlySet<number>,
): bigint {
  const residual = closeResidual(units, to, target, marginal, frozen);
  if (residual >= 0n) return residual;
  let pick = -1;
  for (let i = 0; i < units.length; i++) {
    if (frozen.has(i) || to[i]! - units[i]!.unit < units[i]!.lo) continue;
    if (pick < 0 || marginal(i, to[i]!) < marginal(pick, to[pick]!)) pick = i;
  }
  if (pick < 0) return residual;
  const u = units[pick]!;
  const steps = (-residual + u.unit - 1n) / u.unit;
  const room = (to[pick]! - u.lo) / u.unit;
  to[pick] = to[pick]! - (steps < room ? steps : room) * u.unit;
  return closeResidual(units, to, target, marginal, frozen);
}

function truncateTowardFrom(u: LatticeUnit, x: number): bigint {
  const steps = Math.trunc((x - Number(u.from)) / Number(u.unit));
  const clamped = BigInt(steps) * u.unit + u.from;
  return clamped < u.lo ? u.lo : clamped > u.hi ? u.hi : clamped;
}

function closeResidual(
  units: readonly LatticeUnit[],
  to: bigint[],
  target: bigint,
  marginal: (index: number, micros: bigint) => number,
  frozen: ReadonlySet<number>,
): bigint {
  let residual = target - sum(to);
  // Passes over units ordered by marginal return; a unit takes as many steps as fit in one visit, then the next.
  for (let pass = 0; pass < 4 && residual !== 0n; pass++) {
    const adding = residual > 0n;
    const order = units
      .map((_, i) => i)
      .filter((i) => !frozen.has(i))
      .map((i) => ({ i, m: marginal(i, to[i]!) }))
      .sort((p, q) => (adding ? q.m - p.m : p.m - q.m) || p.i - q.i);
    let moved = false;
    for (const { i } of order) {
      const u = units[i]!;
      const room = adding ? (u.hi - to[i]!) / u.unit : (to[i]! - u.lo) / u.unit;
      const wanted = (adding ? residual : -residual) / u.unit;
      const steps = room < wanted ? room : wanted;
      if (steps <= 0n) continue;
      to[i] = adding ? to[i]! + steps * u.unit : to[i]! - steps * u.unit;
      residual += adding ? -steps * u.unit : steps * u.unit;
      moved = true;
      if (residual === 0n) return 0n;
    }
    if (!moved) break;
  }
  return residual;
}

/** Puts the mover with the largest unit back at its current budget; false when nothing has moved. */
function revertLargestMover(units: readonly LatticeUnit[], to: bigint[], reverted: Set<number>): boolean {
  let pick = -1;
  for (let i = 0; i < units.length; i++) {
    if (to[i] === units[i]!.from || reverted.has(i)) continue;
    if (pick < 0 || units[i]!.unit > units[pick]!.unit) pick = i;
  }
  if (pick < 0) return false;
  to[pick] = units[pick]!.from;
  reverted.add(pick);
  return true;
}

function sum(values: readonly bigint[]): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

function sumFrom(units: readonly LatticeUnit[]): bigint {
  return sum(units.map((u) => u.from));
}

function gcdOfUnits(units: readonly LatticeUnit[]): bigint {
  let g = 0n;
  for (const u of units) {
    let a = u.unit;
    let b = g;
    while (b !== 0n) [a, b] = [b, a % b];
    g = a;
  }
  return g === 0n ? 1n : g;
}
