import type { Platform } from '../domain/platforms';
import { budgetHolders, budgetInForce } from './delivery';
import { holderCurve, type BudgetHolder } from './holder-curve';
import { SANDBOX_PLATFORMS } from './registry';
import { NO_BUDGET_CHANGES, type BudgetHistory, type BudgetLevel } from './state';
import type { SandboxWorld } from './world';

/**
 * The sandbox's hidden truth about budgets, for tests and simulations, never for the planner: each budget holder's
 * response curve and its current budget. The platform APIs serve neither.
 */

export interface HiddenCurve {
  holderId: string;
  level: BudgetLevel;
  /** Campaigns the holder pays for (campaign, budget level) or the ad set itself (adset level). */
  entityIds: string[];
  /** Expected conversions per day = a · spend^b, spend in MAJOR units of `currency`. */
  a: number;
  b: number;
  /** Average order value: revenue = conversions × aov (with daily noise). */
  aovMicros: bigint;
  currency: string;
  /** A day's spend never exceeds the budget in force times this. */
  overspendFactor: number;
  generatedBudgetMicros: bigint;
}

export function hiddenCurves(world: SandboxWorld, platform: Platform, accountId: string): HiddenCurve[] {
  const model = SANDBOX_PLATFORMS[platform].delivery(world, accountId, NO_BUDGET_CHANGES);
  return budgetHolders(model).map((holder) => {
    const { a, b, aovMicros } = holderCurve(world.seed, platform, model.account, holder);
    return {
      holderId: holder.id,
      level: holder.level,
      entityIds: holder.entityIds,
      a,
      b,
      aovMicros,
      currency: model.account.currency,
      overspendFactor: model.overspendFactor,
      generatedBudgetMicros: holder.generatedBudgetMicros,
    };
  });
}

export interface CurrentBudget {
  /** Budget holder id, or an entity whose budget only caps spend (Naver/Kakao ad group under a campaign budget). */
  entityId: string;
  level: BudgetLevel;
  /** True for a budget holder, false for a cap set on the other level. */
  holder: boolean;
  /** Daily budget after mutations, micros; null = no daily limit. */
  budgetMicros: bigint | null;
}

/** Every budget holder's budget now (after all applied mutations), plus caps set on entities that hold none. */
export function currentBudgets(
  world: SandboxWorld,
  platform: Platform,
  accountId: string,
  history: BudgetHistory,
): CurrentBudget[] {
  const model = SANDBOX_PLATFORMS[platform].delivery(world, accountId, history);
  const holders = budgetHolders(model);
  const current = (holder: BudgetHolder) => {
    const changed = model.timeline.current(holder.id);
    return changed === undefined ? budgetInForce(model, holder, '0000-01-01') : changed;
  };
  const rows: CurrentBudget[] = holders.map((h) => ({
    entityId: h.id,
    level: h.level,
    holder: true,
    budgetMicros: current(h),
  }));
  const held = new Set(holders.map((h) => h.id));
  const levelOf = new Map(history.map((m) => [m.entityId, m.level]));
  for (const entityId of model.timeline.changed()) {
    if (held.has(entityId)) continue;
    const budgetMicros = model.timeline.current(entityId) ?? null;
    rows.push({ entityId, level: levelOf.get(entityId) ?? 'adset', holder: false, budgetMicros });
  }
  return rows;
}
