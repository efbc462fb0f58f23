import type { IsoDate } from '../dates';

/**
 * How much of the oracle's gain the engine captured: (engine − control) / (oracle − control), on outcomes measured on
 * identical worlds and noise. 1 is everything the oracle gained, 0 is no better than changing nothing, below 0 is
 * worse than changing nothing. Outcomes are whole numbers (conversions, or revenue in micros).
 */
export function captureShare(engine: bigint, control: bigint, oracle: bigint): number | null {
  const possible = oracle - control;
  // With no gain to capture, a share means nothing (and its sign would flip with noise).
  if (possible <= 0n) return null;
  return Number(engine - control) / Number(possible);
}

export interface DayOutcome {
  date: IsoDate;
  engine: bigint;
  control: bigint;
  oracle: bigint;
}

export interface SimulationRow extends DayOutcome {
  capture: number | null;
  cumulative: { engine: bigint; control: bigint; oracle: bigint; capture: number | null };
}

/** Each day with its share and the running totals from the first day, in date order. */
export function simulationRows(days: readonly DayOutcome[]): SimulationRow[] {
  const sorted = [...days].sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));
  let engine = 0n;
  let control = 0n;
  let oracle = 0n;
  return sorted.map((day) => {
    engine += day.engine;
    control += day.control;
    oracle += day.oracle;
    return {
      ...day,
      capture: captureShare(day.engine, day.control, day.oracle),
      cumulative: { engine, control, oracle, capture: captureShare(engine, control, oracle) },
    };
  });
}
