import type { MetricRow } from '../domain/metrics';
import type { ScopedEntity } from '../domain/rebalance/planner-input';

/** The planner's output as the engine stores it: micros as decimal strings. */
export interface PlannerProposal {
  id: string;
  fromMicros: string;
  toMicros: string;
  changePct: number;
  predictedDelta: number;
  predictedLow: number;
  predictedHigh: number;
  exposureMicros: string;
  reason: string;
  boundBy: string[];
}

export interface PlannerResult {
  proposals: PlannerProposal[];
  skipped: Array<{ id: string; why: string }>;
  totalFromMicros: string;
  totalToMicros: string;
}

/** Runs the domain planner on its JSON input (the same path as `adops plan --input`). */
export function runPlanner(json: Record<string, unknown>): PlannerResult {
  void json;
  throw new Error('planner not merged yet');
}

/** The daily total a monthly budget needs for the rest of the month, from the scope's month-to-date spend. */
export function monthToDateTotal(
  monthlyMicros: bigint,
  entities: readonly ScopedEntity[],
  history: ReadonlyMap<string, readonly MetricRow[]>,
  date: string,
  weighting: 'even' | 'weekday',
): bigint {
  void [monthlyMicros, entities, history, date, weighting];
  throw new Error('pacing not merged yet');
}
