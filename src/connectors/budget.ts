import type { EntityLevel } from '../domain/metrics';
import type { RawExchange } from './connector';

/**
 * The budget side of a connector: read the daily budget in force on one entity, and set it to an absolute value.
 * Values cross this seam in micros of the account currency; each connector converts to its platform's own unit
 * (Meta minor units, Google micros, Naver and Kakao whole KRW, TikTok major units) and refuses a value that is not a
 * whole number of that unit instead of rounding it. Compare-and-set, ledger and read-back live in the apply activity:
 * a connector only reads and writes.
 */

/** The entity whose daily budget is meant: a campaign, or an ad set / ad group (with its campaign). */
export interface BudgetTarget {
  level: EntityLevel;
  entityId: string;
  /** The parent campaign of an ad set / ad group: some platforms address ad groups through it (TikTok, Naver). */
  campaignId?: string;
}

export interface BudgetReading {
  target: BudgetTarget;
  /** The daily budget in force, micros; null when this entity has no daily budget of its own (it lives elsewhere). */
  micros: bigint | null;
  /**
   * Set when the budget is a separate object that may be shared (Google campaign budget resource, Naver shared
   * budget): every entity reporting the same holder is moved as one.
   */
  holder?: { id: string; shared: boolean };
  exchange: RawExchange;
}

export interface BudgetWriteReceipt {
  /** What the platform answered, secrets removed: stored in the ledger as the platform's receipt. */
  exchange: RawExchange;
  /** A platform reference for the change where it gives one (Google resourceName, Naver editTm). */
  reference?: string;
}

/** What a platform allows for a daily budget in one currency. Defaults live in code with the doc cited; config overrides. */
export interface BudgetRules {
  /** Budgets are whole multiples of this (one minor unit, Naver 10 KRW, ...). */
  unitMicros: bigint;
  minDailyMicros: bigint;
  /** Where a platform's minimum differs by level (TikTok campaign vs ad group); a level not named uses minDailyMicros. */
  minDailyMicrosByLevel?: Partial<Record<EntityLevel, bigint>>;
  /** The most a day may spend as a multiple of the daily budget (Google 2, Meta 1.25): the spend exposure. */
  overspendFactor: number;
  /** Budget changes allowed per entity per hour, where the platform limits them (Meta 4). */
  changesPerHour?: number;
}

export interface BudgetConnector {
  readBudget(target: BudgetTarget): Promise<BudgetReading>;
  /** Sets the daily budget to exactly `micros` (absolute, never a delta). Throws BudgetRefused when the platform says no. */
  writeBudget(target: BudgetTarget, micros: bigint): Promise<BudgetWriteReceipt>;
}

/**
 * The platform refused the value itself (below its minimum, not a whole unit, the budget lives on another level, too
 * many changes this hour): retrying the same request cannot help. `reason` is the platform's own words.
 */
export class BudgetRefused extends Error {
  constructor(
    readonly target: BudgetTarget,
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`budget of ${target.level} ${target.entityId} refused: ${reason}`);
    this.name = 'BudgetRefused';
  }
}
