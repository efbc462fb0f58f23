import { currencyDecimals } from '../money';
import { overspendFactorOf } from './overspend';
import type { MinData, ObjectiveKind, PlanEntity } from './types';

/**
 * One planning unit per budget: an entity, or every entity sharing a holder (a Google shared budget, a Naver shared
 * budget), whose daily histories are summed because one budget drives them all. Units are sorted by id so the plan
 * does not depend on the order of the input.
 */
export interface PlanningUnit {
  id: string;
  entityIds: string[];
  platform: string;
  group: string;
  fromMicros: bigint;
  minMicros?: bigint;
  maxMicros?: bigint;
  unitMicros: bigint;
  overspendFactor: number;
  cooldown: boolean;
  /** Per day (sorted by date): spend in micros and the objective's outcome. */
  spend: number[];
  outcome: number[];
  totals: { days: number; spendMicros: bigint; conversions: number };
}

export const DEFAULT_MIN_DATA: MinData = { days: 14, spendMicros: 0n, conversions: 10 };

export function planningUnits(entities: readonly PlanEntity[], currency: string, objective: ObjectiveKind) {
  const byHolder = new Map<string, PlanEntity[]>();
  for (const e of entities) {
    const key = e.holderId ?? e.id;
    const members = byHolder.get(key);
    if (members) members.push(e);
    else byHolder.set(key, [e]);
  }
  const defaultUnit = 10n ** BigInt(6 - currencyDecimals(currency));
  const revenue = objective === 'maxRevenue' || objective === 'targetRoas';
  const units: PlanningUnit[] = [];
  for (const key of [...byHolder.keys()].sort()) {
    const members = byHolder.get(key)!.sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
    const first = members[0]!;
    const days = new Map<string, { spend: bigint; conversions: number; revenue: bigint }>();
    for (const m of members) {
      for (const h of m.history) {
        const day = days.get(h.date) ?? { spend: 0n, conversions: 0, revenue: 0n };
        day.spend += h.spendMicros;
        day.conversions += h.conversions;
        day.revenue += h.revenueMicros;
        days.set(h.date, day);
      }
    }
    const dates = [...days.keys()].sort();
    let spendMicros = 0n;
    let conversions = 0;
    for (const d of dates) {
      spendMicros += days.get(d)!.spend;
      conversions += days.get(d)!.conversions;
    }
    units.push({
      id: key,
      entityIds: members.map((m) => m.id),
      platform: first.platform,
      group: first.group ?? first.platform,
      fromMicros: first.budgetMicros,
      minMicros: maxOf(members.map((m) => m.minMicros)),
      maxMicros: minOf(members.map((m) => m.maxMicros)),
      unitMicros: maxOf(members.map((m) => m.unitMicros)) ?? defaultUnit,
      overspendFactor: Math.max(...members.map((m) => overspendFactorOf(m.platform, m.overspendFactor))),
      cooldown: members.some((m) => m.cooldown === true),
      spend: dates.map((d) => Number(days.get(d)!.spend)),
      outcome: dates.map((d) => (revenue ? Number(days.get(d)!.revenue) : days.get(d)!.conversions)),
      totals: { days: dates.filter((d) => days.get(d)!.spend > 0n).length, spendMicros, conversions },
    });
  }
  return units;
}

/** Why a unit cannot be planned (it is then held at its current budget), or undefined. */
export function skipReason(unit: PlanningUnit, minData: MinData): string | undefined {
  if (unit.cooldown) return 'cooldown: held at its current budget';
  if (unit.fromMicros <= 0n) return 'no budget: a zero budget has no spend to scale from';
  if (unit.totals.days < minData.days) return `too few days: ${unit.totals.days} days with spend < ${minData.days}`;
  if (unit.totals.spendMicros < minData.spendMicros)
    return `too little spend: ${unit.totals.spendMicros} micros < ${minData.spendMicros}`;
  if (unit.totals.conversions < minData.conversions)
    return `too few conversions: ${round(unit.totals.conversions)} < ${minData.conversions}`;
  const usable = unit.spend.filter((x, i) => x > 0 && unit.outcome[i]! > 0).length;
  if (usable < 2) return `too few days with both spend and outcome: ${usable}`;
  return undefined;
}

function maxOf(values: ReadonlyArray<bigint | undefined>): bigint | undefined {
  let best: bigint | undefined;
  for (const v of values) if (v !== undefined && (best === undefined || v > best)) best = v;
  return best;
}

function minOf(values: ReadonlyArray<bigint | undefined>): bigint | undefined {
  let best: bigint | undefined;
  for (const v of values) if (v !== undefined && (best === undefined || v < best)) best = v;
  return best;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
