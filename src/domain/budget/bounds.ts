import type { BoundName } from './types';

/**
 * A unit's allowed budgets: [minMicros, maxMicros] (entity and plan-wide) ∩ [from·(1−p), from·(1+p)], where p is
 * maxChangePct damped by the curve's confidence (wide bands → smaller moves), both ends snapped inward onto the unit.
 * The interval always contains `from`: a current budget outside its own limits, or not a whole unit, is held where
 * it is (moving it is a decision for a person, and holding it keeps every total reachable).
 */
export interface UnitBounds {
  lo: bigint;
  hi: bigint;
  loBy: BoundName;
  hiBy: BoundName;
  /** Set when the unit is held at `from` because its current budget breaks its own rules. */
  held?: { by: BoundName; why: string };
}

export interface BoundsInput {
  from: bigint;
  unit: bigint;
  min?: bigint;
  max?: bigint;
  maxChange: number;
  /** 0 < confidence ≤ 1: the share of maxChange this unit may use. */
  confidence: number;
}

const PPM = 1_000_000;

export function unitBounds(b: BoundsInput): UnitBounds {
  const hold = (by: BoundName, why: string): UnitBounds => ({
    lo: b.from,
    hi: b.from,
    loBy: by,
    hiBy: by,
    held: { by, why },
  });
  if (b.from % b.unit !== 0n) return hold('unit', `current budget ${b.from} is not a whole multiple of ${b.unit}`);
  if (b.min !== undefined && b.from < b.min)
    return hold('currentOutsideBounds', `current budget below its minimum ${b.min}`);
  if (b.max !== undefined && b.from > b.max)
    return hold('currentOutsideBounds', `current budget above its maximum ${b.max}`);

  const damped = b.confidence < 0.999;
  const changeBy: BoundName = damped ? 'uncertainty' : 'maxChangePct';
  const change = BigInt(Math.floor(b.maxChange * b.confidence * PPM));
  const step = (b.from * change) / BigInt(PPM);
  let lo = ceilTo(b.from - step, b.unit);
  let loBy: BoundName = changeBy;
  const floor = b.min ?? b.unit; // a zero budget is not a daily budget
  if (floor > lo) [lo, loBy] = [ceilTo(floor, b.unit), b.min === undefined ? 'unit' : 'minMicros'];
  let hi = floorTo(b.from + step, b.unit);
  let hiBy: BoundName = changeBy;
  if (b.max !== undefined && b.max < hi) [hi, hiBy] = [floorTo(b.max, b.unit), 'maxMicros'];
  // Snapping can cross `from` only when the unit is larger than the allowed move: then that side cannot move.
  if (lo > b.from) lo = b.from;
  if (hi < b.from) hi = b.from;
  return { lo, hi, loBy, hiBy };
}

function ceilTo(value: bigint, unit: bigint): bigint {
  const r = ((value % unit) + unit) % unit;
  return r === 0n ? value : value + (unit - r);
}

function floorTo(value: bigint, unit: bigint): bigint {
  const r = ((value % unit) + unit) % unit;
  return value - r;
}
