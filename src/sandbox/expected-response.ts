import type { IsoDate } from '../domain/dates';
import type { Platform } from '../domain/platforms';
import { budgetHolders, DELIVERY_NOISE, seasonalityOn, type UniformRange } from './delivery';
import { holderCurve } from './holder-curve';
import { SANDBOX_PLATFORMS } from './registry';
import { NO_BUDGET_CHANGES } from './state';
import type { BudgetLevel } from './state';
import type { SandboxWorld } from './world';

/**
 * The hidden truth in the unit a planner moves: what a holder's daily BUDGET buys on a day, in expectation over the
 * sandbox's own delivery noise (delivery.ts, DELIVERY_NOISE). For simulations' oracle and tests, never for the engine.
 *
 * A holder spends budget × min(m, overspend) with m = utilisation × seasonality × noise × spike, and converts
 * a · spend^b × conversion noise, so E[conversions] = (1 − dark share) · a · E[min(m, f)^b] · budget^b: a power curve
 * in the budget with the same exponent. Rounding to whole conversions and minor units is left out (well under 1% at
 * the sandbox's scale).
 */
export interface ExpectedResponse {
  holderId: string;
  level: BudgetLevel;
  entityIds: string[];
  /** False when none of the campaigns it pays for runs that day: its budget buys nothing. */
  live: boolean;
  b: number;
  /** Expected conversions that day at a daily budget of x micros: conversionsCoef · x^b. */
  conversionsCoef: number;
  /** Expected revenue (micros) that day at a daily budget of x micros: revenueCoef · x^b. */
  revenueCoef: number;
  generatedBudgetMicros: bigint;
}

export function expectedResponses(
  world: SandboxWorld,
  platform: Platform,
  accountId: string,
  date: IsoDate,
): ExpectedResponse[] {
  const model = SANDBOX_PLATFORMS[platform].delivery(world, accountId, NO_BUDGET_CHANGES);
  const seasonality = seasonalityOn(date);
  return budgetHolders(model).map((holder) => {
    const curve = holderCurve(world.seed, platform, model.account, holder);
    const paidFor = model.campaigns.filter(
      (c) => c.holder?.id === holder.id || c.adSets.some((s) => s.holder?.id === holder.id),
    );
    const live = paidFor.some((c) => date >= c.startDate && (c.stopDate === null || date <= c.stopDate));
    const share = expectedDeliveredPower(curve.utilisation * seasonality, model.overspendFactor, curve.b);
    // Conversions per day at a budget of one major unit; the curve is in major units, the planner's budgets in micros.
    const perMajor = live ? (1 - DELIVERY_NOISE.darkShare) * curve.a * share : 0;
    const conversionsCoef = perMajor * 1e-6 ** curve.b;
    return {
      holderId: holder.id,
      level: holder.level,
      entityIds: holder.entityIds,
      live,
      b: curve.b,
      conversionsCoef,
      revenueCoef: conversionsCoef * Number(curve.aovMicros),
      generatedBudgetMicros: holder.generatedBudgetMicros,
    };
  });
}

/** E[min(base · noise · spike, cap)^b] over the sandbox's utilisation noise and its rare hot days. */
export function expectedDeliveredPower(base: number, cap: number, b: number): number {
  const calm = expectedCappedPower(base, cap, b, DELIVERY_NOISE.utilisation);
  // The spike multiplier is uniform too; a midpoint rule over it is exact to far below the noise.
  const steps = 200;
  let hot = 0;
  for (let i = 0; i < steps; i++) {
    const spike = DELIVERY_NOISE.spike.min + ((i + 0.5) / steps) * DELIVERY_NOISE.spike.width;
    hot += expectedCappedPower(base * spike, cap, b, DELIVERY_NOISE.utilisation);
  }
  return (1 - DELIVERY_NOISE.spikeShare) * calm + DELIVERY_NOISE.spikeShare * (hot / steps);
}

/**
 * E[min(c · n, cap)^b] for n uniform on [min, min + width], in closed form: below the cap the integral of (c·n)^b,
 * above it cap^b.
 */
export function expectedCappedPower(c: number, cap: number, b: number, n: UniformRange): number {
  const lo = n.min;
  const hi = n.min + n.width;
  const knee = Math.min(hi, Math.max(lo, cap / c));
  const below = (c ** b * (knee ** (b + 1) - lo ** (b + 1))) / (b + 1);
  const above = cap ** b * (hi - knee);
  return (below + above) / n.width;
}
