import { unitBounds, type UnitBounds } from './bounds';
import { fitRaw, marginalAt, marginalLogSd, predictDelta, type ResponseCurve } from './curve';
import { fillUnderExposureCap } from './exposure-cap';
import { exposureOf } from './overspend';
import { DEFAULT_MIN_DATA, planningUnits, skipReason, type PlanningUnit } from './planning-units';
import { describeMove } from './reason';
import { roundToUnits } from './rounding';
import { shrinkToGroups } from './shrink';
import type { BoundName, Plan, PlanInput, Proposal, Skipped } from './types';
import { spendAt, type FillUnit } from './water-fill';

/**
 * The budget planner: pure and deterministic (same input → same plan, whatever the entity order).
 *
 * 1. One planning unit per budget (shared budgets are one unit); units without enough data, in cooldown or without a
 *    budget are skipped and held at their current budget (they still count in every total).
 * 2. A power curve per unit, shrunk toward its group (curve.ts, shrink.ts).
 * 3. Bounds: limits ∩ maxChangePct, the allowed move damped by how uncertain the unit's marginal return is.
 * 4. Continuous water-filling to equal marginal returns (under the exposure cap if any), then whole units that sum
 *    to the target to the micro (rounding.ts), then the exposure cap checked again exactly in micros.
 *
 * Every planned unit gets a proposal, unchanged ones too (from = to, with the reason it stays), so a reviewer sees
 * the whole portfolio; skipped units are listed with why.
 */

export const DEFAULT_MAX_CHANGE = 0.2;
/**
 * The sd of log marginal return at which a unit may use half of maxChangePct: a marginal known only within a factor
 * of e. Tuned on test/domain/budget/quality.test.ts: 0.35 kept 77% of the attainable gain, 0.6 89%, 1 95%, none 99%;
 * 1 keeps most of the gain while a unit whose marginal is unknown (sd 2 and more) moves at most a fifth as far.
 */
const HALF_CONFIDENCE_SD = 1;

interface Planned {
  unit: PlanningUnit;
  curve: ResponseCurve;
  bounds: UnitBounds;
}

export function buildPlan(input: PlanInput): Plan {
  const objective = input.objective.kind;
  const minData = { ...DEFAULT_MIN_DATA, ...input.minData };
  const maxChange = input.constraints.maxChangePct ?? DEFAULT_MAX_CHANGE;
  const units = planningUnits(input.entities, input.currency, objective);
  const notes: string[] = [];

  const skipped: Skipped[] = [];
  const fitted: PlanningUnit[] = [];
  for (const unit of units) {
    const why = skipReason(unit, minData);
    if (why) skipped.push({ id: unit.id, entityIds: unit.entityIds, why, budgetMicros: unit.fromMicros });
    else fitted.push(unit);
  }
  const curves = shrinkToGroups(
    fitted.map((u) => fitRaw(u.spend, u.outcome)),
    fitted.map((u) => u.group),
  );
  const planned: Planned[] = fitted.map((unit, i) => {
    const curve = curves[i]!;
    const sd = marginalLogSd(curve, Number(unit.fromMicros));
    const confidence = 1 / (1 + (sd / HALF_CONFIDENCE_SD) ** 2);
    const bounds = unitBounds({
      from: unit.fromMicros,
      unit: unit.unitMicros,
      min: maxOf(unit.minMicros, input.constraints.minDailyMicros),
      max: minOf(unit.maxMicros, input.constraints.maxDailyMicros),
      maxChange,
      confidence,
    });
    return { unit, curve, bounds };
  });

  const totalFrom = units.reduce((s, u) => s + u.fromMicros, 0n);
  const fixedTotal = skipped.reduce((s, u) => s + u.budgetMicros, 0n);
  const sumLo = planned.reduce((s, p) => s + p.bounds.lo, 0n);
  const sumHi = planned.reduce((s, p) => s + p.bounds.hi, 0n);
  const wanted = (input.totalBudgetMicros ?? totalFrom) - fixedTotal;
  let target = wanted < sumLo ? sumLo : wanted > sumHi ? sumHi : wanted;
  if (target !== wanted)
    notes.push(`the total is out of reach of the bounds; ${target + fixedTotal} micros is the nearest possible`);

  const fillUnits: FillUnit[] = planned.map((p) => ({
    curve: p.curve,
    lo: Number(p.bounds.lo),
    hi: Number(p.bounds.hi),
  }));
  let targetLevel: number | undefined;
  if (input.objective.kind === 'targetCpa') targetLevel = 1 / Number(input.objective.cpaMicros);
  if (input.objective.kind === 'targetRoas') targetLevel = input.objective.roas;
  if (targetLevel !== undefined) {
    // Each unit spends until its marginal return falls to the target; the cap then binds only if that is too much.
    const atTarget = fillUnits.reduce((s, u) => s + spendAt(u, targetLevel!), 0);
    const uncapped = BigInt(Math.floor(atTarget));
    if (uncapped < target) target = uncapped < sumLo ? sumLo : uncapped;
  }

  const factors = planned.map((p) => p.unit.overspendFactor);
  const cap = input.constraints.exposureCapMicros;
  const factorById = new Map(units.map((u) => [u.id, u.overspendFactor]));
  const fixedExposure = skipped.reduce((s, u) => s + exposureOf(u.budgetMicros, factorById.get(u.id)!), 0n);
  const movableCap = cap === undefined ? undefined : Number(cap - fixedExposure);
  const continuous = fillUnderExposureCap(fillUnits, factors, Number(target), movableCap);
  if (continuous.reduced) {
    notes.push(
      `exposure cap ${cap} is below the least exposure of any split of the total within the bounds: total reduced ` +
        `from ${target + fixedTotal} to about ${BigInt(Math.floor(continuous.total)) + fixedTotal} micros`,
    );
  }
  const plainSpend = continuous.capBinding
    ? fillUnderExposureCap(fillUnits, factors, Number(target), undefined).spend
    : undefined;
  const reduced = BigInt(Math.floor(continuous.total));
  const roundedTarget = continuous.total >= Number(target) ? target : reduced < sumLo ? sumLo : reduced;

  const rounded = roundToUnits(
    planned.map((p) => ({ from: p.unit.fromMicros, lo: p.bounds.lo, hi: p.bounds.hi, unit: p.unit.unitMicros })),
    continuous.spend,
    roundedTarget,
    (i, micros) => marginalAt(planned[i]!.curve, Number(micros)),
  );
  const to = rounded.to;
  const cappedAfterRounding = new Set<number>();
  if (cap !== undefined) enforceExposureCap(planned, to, cap - fixedExposure, cappedAfterRounding, notes);

  const level = targetLevel ?? continuous.level;
  const proposals: Proposal[] = planned.map((p, i) => {
    const from = p.unit.fromMicros;
    const boundBy = bindingBounds(p, to[i]!, continuous.spend[i]!, plainSpend?.[i], cappedAfterRounding.has(i));
    const predicted = predictDelta(p.curve, Number(from), Number(to[i]!));
    return {
      id: p.unit.id,
      entityIds: p.unit.entityIds,
      platform: p.unit.platform,
      fromMicros: from,
      toMicros: to[i]!,
      changePct: from === 0n ? 0 : Math.round((Number(to[i]! - from) / Number(from)) * 10_000) / 100,
      predicted,
      curve: {
        b: p.curve.b,
        sdB: Math.sqrt(p.curve.varB),
        level: p.curve.level,
        sdLevel: Math.sqrt(p.curve.varLevel),
        meanLogX: p.curve.meanLogX,
      },
      exposureMicros: exposureOf(to[i]!, p.unit.overspendFactor),
      reason: describeMove({
        objective,
        currency: input.currency,
        marginal: marginalAt(p.curve, Number(from)),
        level,
        from,
        to: to[i]!,
        boundBy,
        held: p.bounds.held?.why,
      }),
      boundBy,
    };
  });

  const totalTo = fixedTotal + to.reduce((s, x) => s + x, 0n);
  const exposure = fixedExposure + proposals.reduce((s, p) => s + p.exposureMicros, 0n);
  const goal = input.totalBudgetMicros ?? totalFrom;
  const sameTotal = objective === 'maxConversions' || objective === 'maxRevenue';
  if (sameTotal && totalTo !== goal)
    notes.push(`total ${totalTo} differs from the target ${goal}: see unallocatedMicros`);
  return {
    currency: input.currency,
    objective,
    proposals,
    skipped,
    totalFromMicros: totalFrom,
    totalToMicros: totalTo,
    unallocatedMicros: sameTotal ? goal - totalTo : 0n,
    exposureMicros: exposure,
    marginalPerMicro: level,
    notes,
  };
}

/**
 * Rounding up to whole units can push the exact exposure a few micros over the cap: take whole units off the
 * increases with the highest overspend factor (then the lowest marginal return) until it fits.
 */
function enforceExposureCap(planned: Planned[], to: bigint[], cap: bigint, touched: Set<number>, notes: string[]) {
  let excess = planned.reduce((s, p, i) => s + exposureOf(to[i]!, p.unit.overspendFactor), 0n) - cap;
  if (excess <= 0n) return;
  const before = to.reduce((s, x) => s + x, 0n);
  const order = planned
    .map((p, i) => ({ i, f: p.unit.overspendFactor, m: marginalAt(p.curve, Number(to[i]!)) }))
    .sort((p, q) => q.f - p.f || p.m - q.m || p.i - q.i);
  for (const { i } of order) {
    const p = planned[i]!;
    while (excess > 0n && to[i]! - p.unit.unitMicros >= p.bounds.lo) {
      const lower = to[i]! - p.unit.unitMicros;
      excess -= exposureOf(to[i]!, p.unit.overspendFactor) - exposureOf(lower, p.unit.overspendFactor);
      to[i] = lower;
      touched.add(i);
    }
    if (excess <= 0n) break;
  }
  const after = to.reduce((s, x) => s + x, 0n);
  notes.push(`exposure cap: budgets reduced by ${before - after} micros after rounding to fit ${cap} micros`);
  if (excess > 0n) notes.push(`exposure cap ${cap} cannot be met even with every unit at its lower bound`);
}

function bindingBounds(p: Planned, to: bigint, x: number, uncapped: number | undefined, cappedAfter: boolean) {
  const by: BoundName[] = [];
  const { bounds } = p;
  if (bounds.held) return [bounds.held.by];
  if (to === bounds.hi && x >= Number(bounds.hi) - 0.5) by.push(bounds.hiBy);
  if (to === bounds.lo && x <= Number(bounds.lo) + 0.5 && bounds.lo !== bounds.hi) by.push(bounds.loBy);
  if (Math.abs(Number(to) - x) >= Number(p.unit.unitMicros) && !by.length) by.push('unit');
  if ((uncapped !== undefined && Math.abs(uncapped - x) >= 1) || cappedAfter) by.push('exposureCap');
  return [...new Set(by)];
}

function maxOf(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  return a === undefined ? b : b === undefined ? a : a > b ? a : b;
}

function minOf(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  return a === undefined ? b : b === undefined ? a : a < b ? a : b;
}
