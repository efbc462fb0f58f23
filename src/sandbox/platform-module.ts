import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IsoDate } from '../domain/dates';
import type { EntityLevel } from '../domain/metrics';
import type { DeliveryModel } from './delivery';
import type { FaultKind } from './faults';
import type { BudgetHistory, SandboxState } from './state';
import type { SandboxWorld } from './world';

/** What the platform holds for one entity-day, in the engine's units (micros), for tests to compare against. */
export interface TruthRow {
  level: EntityLevel;
  entityId: string;
  /** The parent campaign of an ad set row; absent on campaign rows. */
  campaignId?: string;
  entityName: string;
  date: IsoDate;
  currency: string;
  impressions: number;
  clicks: number;
  spendMicros: bigint;
  conversions: number;
  conversionValueMicros: bigint;
}

export type SandboxHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  /** Path segments after the platform prefix (/meta/v23.0/act_1/insights → ['v23.0', 'act_1', 'insights']). */
  segments: string[],
  fault: FaultKind,
) => Promise<void>;

/** One platform in the sandbox: its HTTP behaviour and its ground truth. */
export interface SandboxPlatformModule {
  createHandler(state: SandboxState): SandboxHandler;
  /**
   * Campaign and ad set rows the platform reports for [from, to] when asked at `now`, with the budgets `history`
   * (SandboxState.mutations) put in force: spend follows the budget in force each day.
   */
  truth(
    world: SandboxWorld,
    accountId: string,
    from: IsoDate,
    to: IsoDate,
    now: Date,
    history: BudgetHistory,
  ): TruthRow[];
  /** The account's budget holders and delivery rules, with `history`'s budgets in force (the same model truth uses). */
  delivery(world: SandboxWorld, accountId: string, history: BudgetHistory): DeliveryModel;
}
