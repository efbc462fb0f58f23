import type { IsoDate } from '../dates';

/**
 * The budget planner's input and output. Money is bigint micros throughout (src/domain/money.ts); outcomes
 * (conversions, revenue as a number of micros) are floats because they are predictions, never amounts to pay.
 */

export type ObjectiveKind = 'maxConversions' | 'maxRevenue' | 'targetCpa' | 'targetRoas';

export type Objective =
  | { kind: 'maxConversions' }
  | { kind: 'maxRevenue' }
  /** Spend on each unit while its marginal cost per conversion stays at or below cpaMicros. */
  | { kind: 'targetCpa'; cpaMicros: bigint }
  /** Spend on each unit while its marginal revenue per unit of spend stays at or above roas. */
  | { kind: 'targetRoas'; roas: number };

export interface HistoryDay {
  date: IsoDate;
  spendMicros: bigint;
  conversions: number;
  revenueMicros: bigint;
}

export interface PlanEntity {
  id: string;
  platform: string;
  budgetMicros: bigint;
  minMicros?: bigint;
  maxMicros?: bigint;
  /** Budgets are whole multiples of this; default one minor unit of the currency. */
  unitMicros?: bigint;
  /** Worst-case daily spend as a multiple of the budget; default by platform (overspend.ts). */
  overspendFactor?: number;
  /** Entities with the same holder share one budget and are planned as one. */
  holderId?: string;
  /** Pooling key for thin data (e.g. account|platform|objective); default the platform. */
  group?: string;
  /** In a learning phase or recently changed: held at its current budget. */
  cooldown?: boolean;
  history: HistoryDay[];
}

export interface PlanConstraints {
  /** Largest relative move per unit, as a fraction (0.2 = ±20%). Default 0.2. */
  maxChangePct?: number;
  minDailyMicros?: bigint;
  maxDailyMicros?: bigint;
  /** Cap on the sum over all units of worst-case daily spend (budget × overspend factor). */
  exposureCapMicros?: bigint;
}

export interface MinData {
  days: number;
  spendMicros: bigint;
  conversions: number;
}

export interface PlanInput {
  currency: string;
  objective: Objective;
  /** Same-total objectives: the total to allocate; target objectives: the cap. Default: sum of current budgets. */
  totalBudgetMicros?: bigint;
  constraints: PlanConstraints;
  minData?: Partial<MinData>;
  entities: PlanEntity[];
}

export type BoundName =
  'maxChangePct' | 'uncertainty' | 'minMicros' | 'maxMicros' | 'unit' | 'exposureCap' | 'currentOutsideBounds';

export interface Prediction {
  outcomeFrom: number;
  outcomeTo: number;
  delta: number;
  /** A 90% band of the delta from the curve's uncertainty (exponent and level). */
  deltaLow: number;
  deltaHigh: number;
}

export interface Proposal {
  /** The entity id, or the holder id for a shared budget. */
  id: string;
  /** Entities whose budget this is (one, or all sharing the holder). */
  entityIds: string[];
  platform: string;
  fromMicros: bigint;
  toMicros: bigint;
  /** (to − from) / from in percent, 2 decimals. */
  changePct: number;
  predicted: Prediction;
  /** The fitted curve the move was planned on (log y = level + meanLogX + b·(log x − meanLogX)), with its spread. */
  curve: { b: number; sdB: number; level: number; sdLevel: number; meanLogX: number };
  exposureMicros: bigint;
  reason: string;
  boundBy: BoundName[];
}

export interface Skipped {
  id: string;
  entityIds: string[];
  why: string;
  /** Held at its current budget; it still counts in the totals. */
  budgetMicros: bigint;
}

export interface Plan {
  currency: string;
  objective: ObjectiveKind;
  /** Every planned unit, moved or not (from = to when it stays). */
  proposals: Proposal[];
  skipped: Skipped[];
  /** Over all units, skipped ones included. */
  totalFromMicros: bigint;
  totalToMicros: bigint;
  /** Target total (or cap) minus totalTo, when whole units or bounds cannot reach it exactly (0 otherwise). */
  unallocatedMicros: bigint;
  exposureMicros: bigint;
  /** The water level: marginal outcome per micro that every unconstrained unit ends at. */
  marginalPerMicro: number;
  notes: string[];
}
