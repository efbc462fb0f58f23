import type { IsoDate } from '../domain/dates';
import type { Platform } from '../domain/platforms';
import type { TruthRow } from './platform-module';
import { SANDBOX_PLATFORMS } from './registry';
import type { BudgetHistory } from './state';
import type { SandboxWorld } from './world';

export type { TruthRow } from './platform-module';

/**
 * Rows a platform would report for [from, to] when asked at `now`, given the budget mutations made so far
 * (`sandbox.state.mutations`; NO_BUDGET_CHANGES for the generated budgets).
 */
export function platformTruth(
  world: SandboxWorld,
  platform: Platform,
  accountId: string,
  from: IsoDate,
  to: IsoDate,
  now: Date,
  history: BudgetHistory,
): TruthRow[] {
  return SANDBOX_PLATFORMS[platform].truth(world, accountId, from, to, now, history);
}

export function metaTruth(
  world: SandboxWorld,
  accountId: string,
  from: IsoDate,
  to: IsoDate,
  now: Date,
  history: BudgetHistory,
): TruthRow[] {
  return platformTruth(world, 'meta', accountId, from, to, now, history);
}
