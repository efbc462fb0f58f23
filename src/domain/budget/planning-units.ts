import { currencyDecimals } from '../money';
import { overspendFactorOf } from './overspend';
import type { HistoryDay, MinData, ObjectiveKind, PlanEntity } from './types';

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
  totals: { days: number; spendMicros: number; conversions: number };
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
    const { spend, outcome, days, spendMicros, conversions } = dailySeries(members, revenue);
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
      spend,
      outcome,
      totals: { days, spendMicros, conversions },
    });
  }
  return units;
}

/** Spend and outcome per day, in date order; several members' days summed by date. */
function dailySeries(members: readonly PlanEntity[], revenue: boolean) {
  let history = members.length === 1 ? members[0]!.history : mergeByDate(members);
  if (!isSortedByDate(history)) history = [...history].sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));
  const spend = new Array<number>(history.length);
  const outcome = new Array<number>(history.length);
  // Summed as a float: it only meets a threshold, and a bigint sum per day is most of the garbage at 100k entities.
  let spendMicros = 0;
  let conversions = 0;
  let days = 0;
  for (let i = 0; i < history.length; i++) {
    const h = history[i]!;
    const x = Number(h.spendMicros);
    spend[i] = x;
    outcome[i] = revenue ? Number(h.revenueMicros) : h.conversions;
    spendMicros += x;
    conversions += h.conversions;
    if (x > 0) days++;
  }
  return { spend, outcome, days, spendMicros, conversions };
}

function mergeByDate(members: readonly PlanEntity[]): HistoryDay[] {
  const days = new Map<string, HistoryDay>();
  for (const m of members) {
    for (const h of m.history) {
      const day = days.get(h.date);
      if (!day) days.set(h.date, { ...h });
      else {
        day.spendMicros += h.spendMicros;
        day.conversions += h.conversions;
        day.revenueMicros += h.revenueMicros;
      }
    }
  }
  return [...days.values()];
}

function isSortedByDate(history: readonly HistoryDay[]): boolean {
  for (let i = 1; i < history.length; i++) if (history[i - 1]!.date > history[i]!.date) return false;
  return true;
}

/** Why a unit cannot be planned (it is then held at its current budget), or undefined. */
export function skipReason(unit: PlanningUnit, minData: MinData): string | undefined {
  if (unit.cooldown) return 'cooldown: held at its current budget';
  if (unit.fromMicros <= 0n) return 'no budget: a zero budget has no spend to scale from';
  if (unit.totals.days < minData.days) return `too few days: ${unit.totals.days} days with spend < ${minData.days}`;
  if (unit.totals.spendMicros < Number(minData.spendMicros))
    return `too little spend: ${Math.round(unit.totals.spendMicros)} micros < ${minData.spendMicros}`;
  if (unit.totals.conversions < minData.conversions)
    return `too few conversions: ${round(unit.totals.conversions)} < ${minData.conversions}`;
  let usable = 0;
  for (let i = 0; i < unit.spend.length; i++) if (unit.spend[i]! > 0 && unit.outcome[i]! > 0) usable++;
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
