import { dateInZone, type IsoDate } from '../domain/dates';
import type { BudgetHistory } from './state';

/**
 * The daily budgets in force per entity, derived from the mutation log (so state.reset() forgets them too). A budget
 * set at any moment of day D (in the account's zone) is in force for all of D and later days: platforms prorate a
 * mid-day change over the rest of the day, the sandbox applies it to the whole (still open) day.
 */
export interface BudgetTimeline {
  /** The budget in force on `date`: micros, null for "no daily limit", undefined when never changed by then. */
  inForce(entityId: string, date: IsoDate): bigint | null | undefined;
  /** The value after the latest applied mutation, whatever its date; undefined when never changed. */
  current(entityId: string): bigint | null | undefined;
  /** Entities with at least one applied change. */
  changed(): string[];
}

interface Change {
  at: number;
  date: IsoDate;
  micros: bigint | null;
}

export function budgetTimeline(
  history: BudgetHistory,
  platform: string,
  accountId: string,
  timeZone: string,
): BudgetTimeline {
  const byEntity = new Map<string, Change[]>();
  for (const m of history) {
    if (m.platform !== platform || m.accountId !== accountId || m.validateOnly) continue;
    const at = Date.parse(m.at);
    const changes = byEntity.get(m.entityId) ?? [];
    changes.push({
      at,
      date: dateInZone(new Date(at), timeZone),
      micros: m.budgetMicros === null ? null : BigInt(m.budgetMicros),
    });
    byEntity.set(m.entityId, changes);
  }
  // In log order for current(); in time order (stable) for inForce(), in case the sandbox clock was moved back.
  const byTime = new Map([...byEntity].map(([id, changes]) => [id, [...changes].sort((a, b) => a.at - b.at)]));
  return {
    inForce(entityId, date) {
      const changes = byTime.get(entityId);
      if (!changes) return undefined;
      let value: bigint | null | undefined;
      for (const change of changes) if (change.date <= date) value = change.micros;
      return value;
    },
    current: (entityId) => byEntity.get(entityId)?.at(-1)?.micros,
    changed: () => [...byEntity.keys()],
  };
}
