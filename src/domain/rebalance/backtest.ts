import type { RuleConfig } from '../../config/rules-schema';
import type { BudgetRules } from '../../connectors/budget';
import { datesInRange, instantInZone, type IsoDate } from '../dates';
import { rowsAsOf, type MetricTimeline } from '../metrics-as-of';
import type { EntityLevel } from '../metrics';
import type { Platform } from '../platforms';
import { proposalKey, type PlanRecord, type SkippedRecord } from './plan-record';
import {
  lookbackDates,
  monthToDateDates,
  planRuleCurrencies,
  type AppliedChange,
  type RuleAccount,
  type RuleEntity,
} from './rule-plan';
import type { TrackerOutcomeData } from './tracker-outcome';

/**
 * A rule replayed day by day on the data as it was known each day. Open loop: every day starts from the budgets
 * really in force then (the engine's applied changes, from budget_ledger), never from what the backtest itself would
 * have changed the day before, so each day answers "what would this rule have done that morning".
 */

export interface BacktestEntity {
  key: string;
  level: EntityLevel;
  entityId: string;
  campaignId?: string;
  name: string;
  /** The budget in the last entity listing; the fallback when the ledger says nothing about the entity. */
  currentBudgetMicros: bigint | null;
}

export interface BacktestAccount {
  platform: Platform;
  accountId: string;
  currency: string;
  rules: BudgetRules;
  entities: BacktestEntity[];
}

/** An applied budget change from budget_ledger (any rule): what the budget was before and after, and when. */
export interface LedgerChange {
  key: string;
  accountId: string;
  fromMicros: bigint;
  /** The value read back after the write (the target when no read-back was stored). */
  toMicros: bigint;
  /** ISO time. */
  appliedAt: string;
}

export interface BacktestData {
  accounts: BacktestAccount[];
  /** The scope's rows at the rule's level, current and every stored revision, over the lookback and the range. */
  timeline: MetricTimeline;
  /** Every applied change on the scope's accounts. */
  applied: LedgerChange[];
  /**
   * A tracker-sourced rule: per replayed day, the tracker's figures as known at that day's run (rows first stored by
   * then), and the apps they came from.
   */
  tracker?: { byDay: ReadonlyMap<IsoDate, TrackerOutcomeData>; apps: string[] };
}

export interface BacktestOptions {
  from: IsoDate;
  to: IsoDate;
  /** The wall-clock time the rule runs each day (its schedule), HH:MM in `timeZone`. */
  runAt: string;
  /** The agency's time zone (the one dates are planned in). */
  timeZone: string;
}

/**
 * Where a day's budget came from: the last applied change before the run (`ledger`), the `from` of the first change
 * after it (`next-change`: that change read the budget on the platform, and the engine changed nothing in between),
 * or the last entity listing (`listing`: the engine never changed it). Changes made by hand on a platform between
 * those points are not in the ledger, so they are not seen.
 */
export type BudgetSource = 'ledger' | 'next-change' | 'listing';

export interface BudgetInForce {
  micros: bigint | null;
  source: BudgetSource;
}

export interface BacktestChange {
  key: string;
  platform: Platform;
  accountId: string;
  entityId: string;
  name: string;
  fromMicros: string;
  toMicros: string;
  changePct: number;
  /** Predicted change of the outcome per day (conversions, or revenue micros), with its 90% band. */
  predictedDelta: number;
  predictedLow: number;
  predictedHigh: number;
  reason: string;
  boundBy: string[];
  budgetSource: BudgetSource;
}

export interface BacktestCurrencyDay {
  currency: string;
  changes: BacktestChange[];
  skipped: SkippedRecord[];
  totalFromMicros: string;
  totalToMicros: string;
  predictedDelta: number;
  predictedLow: number;
  predictedHigh: number;
}

export interface BacktestDay {
  date: IsoDate;
  /** The moment the rule would have run (ISO): the data and ledger as of then. */
  asOf: string;
  /** Rows known at `asOf` on the days the rule reads. */
  rowsKnown: number;
  /** Rows that existed at `asOf` but whose values then are lost (written in place before history was kept). */
  rowsUnknown: number;
  /** Entities of the scope with no row known at `asOf` in the lookback: not planned that day. */
  entitiesUnseen: number;
  currencies: BacktestCurrencyDay[];
}

export interface BacktestTotal {
  currency: string;
  changes: number;
  daysWithChanges: number;
  increaseMicros: string;
  decreaseMicros: string;
  predictedDelta: number;
  predictedLow: number;
  predictedHigh: number;
}

export interface BacktestReport {
  ruleId: string;
  from: IsoDate;
  to: IsoDate;
  runAt: string;
  timeZone: string;
  /** What predicted deltas count: conversions per day, or revenue micros per day. */
  outcome: 'conversions' | 'revenueMicros';
  /** Set when the rule takes its outcome from the tracker (absent: the media platforms'). */
  outcomeSource?: PlanRecord['outcomeSource'];
  days: BacktestDay[];
  totals: BacktestTotal[];
}

/** The budget in force on one entity at `at`, from the applied changes and the listing (see BudgetSource). */
export function budgetInForce(changes: readonly LedgerChange[], at: Date, listing: bigint | null): BudgetInForce {
  const t = at.getTime();
  const sorted = [...changes].sort((a, b) => Date.parse(a.appliedAt) - Date.parse(b.appliedAt));
  const before = sorted.filter((c) => Date.parse(c.appliedAt) <= t).at(-1);
  if (before) return { micros: before.toMicros, source: 'ledger' };
  const after = sorted.find((c) => Date.parse(c.appliedAt) > t);
  if (after) return { micros: after.fromMicros, source: 'next-change' };
  return { micros: listing, source: 'listing' };
}

export function outcomeOf(rule: RuleConfig): BacktestReport['outcome'] {
  const kind = rule.objective.kind;
  const revenue =
    kind === 'maxRevenue' ||
    kind === 'targetRoas' ||
    (rule.objective.kind === 'paceMonthly' && rule.objective.outcome === 'revenue');
  return revenue ? 'revenueMicros' : 'conversions';
}

export function replayRule(rule: RuleConfig, data: BacktestData, options: BacktestOptions): BacktestReport {
  const changesOf = new Map<string, LedgerChange[]>();
  for (const c of data.applied) changesOf.set(c.key, [...(changesOf.get(c.key) ?? []), c]);

  const days: BacktestDay[] = [];
  for (const date of datesInRange(options.from, options.to)) {
    const asOf = instantInZone(date, options.runAt, options.timeZone);
    const lookback = lookbackDates(rule, date);
    const monthDays = rule.objective.kind === 'paceMonthly' ? monthToDateDates(date) : [];
    const known = rowsAsOf(data.timeline, asOf, new Set([...lookback, ...monthDays]));
    const lookbackSet = new Set(lookback);
    const history = known.rows.filter((r) => lookbackSet.has(r.date));
    const monthSet = new Set(monthDays);
    const monthToDate = known.rows.filter((r) => monthSet.has(r.date));
    const seen = new Set(history.map(proposalKey));

    let entitiesUnseen = 0;
    const sourceOf = new Map<string, BudgetSource>();
    const accounts: RuleAccount[] = data.accounts.map((account) => ({
      platform: account.platform,
      accountId: account.accountId,
      currency: account.currency,
      rules: account.rules,
      entities: account.entities.flatMap((e): RuleEntity[] => {
        // The listing is today's; an entity with nothing known in the lookback that morning (not created yet, or
        // without delivery) is left out rather than planned on a budget nobody can date.
        if (!seen.has(e.key)) {
          entitiesUnseen += 1;
          return [];
        }
        const budget = budgetInForce(changesOf.get(e.key) ?? [], asOf, e.currentBudgetMicros);
        sourceOf.set(e.key, budget.source);
        return [
          {
            key: e.key,
            level: e.level,
            entityId: e.entityId,
            ...(e.campaignId ? { campaignId: e.campaignId } : {}),
            name: e.name,
            budgetMicros: budget.micros,
          },
        ];
      }),
    }));
    const applied: AppliedChange[] = data.applied
      .filter((c) => Date.parse(c.appliedAt) <= asOf.getTime())
      .map((c) => ({ key: c.key, accountId: c.accountId, appliedAt: c.appliedAt }));

    const planned = planRuleCurrencies(rule, {
      date,
      now: asOf,
      timeZone: options.timeZone,
      accounts,
      history,
      monthToDate,
      applied,
      ...(data.tracker?.byDay.get(date) ? { tracker: data.tracker.byDay.get(date) } : {}),
    });
    days.push({
      date,
      asOf: asOf.toISOString(),
      rowsKnown: known.rows.length,
      rowsUnknown: known.unknown.length,
      entitiesUnseen,
      currencies: planned.map(({ currency, result, proposals, skipped }) => {
        const changes = proposals.map((p): BacktestChange => ({
          key: p.key,
          platform: p.platform,
          accountId: p.accountId,
          entityId: p.entityId,
          name: p.name,
          fromMicros: p.fromMicros,
          toMicros: p.toMicros,
          changePct: p.changePct,
          predictedDelta: p.predictedDelta,
          predictedLow: p.predictedLow,
          predictedHigh: p.predictedHigh,
          reason: p.reason,
          boundBy: p.boundBy,
          budgetSource: sourceOf.get(p.key) ?? 'listing',
        }));
        return {
          currency,
          changes,
          skipped,
          totalFromMicros: result.totalFromMicros,
          totalToMicros: result.totalToMicros,
          predictedDelta: sum(changes.map((c) => c.predictedDelta)),
          predictedLow: sum(changes.map((c) => c.predictedLow)),
          predictedHigh: sum(changes.map((c) => c.predictedHigh)),
        };
      }),
    });
  }
  return {
    ruleId: rule.id,
    from: options.from,
    to: options.to,
    runAt: options.runAt,
    timeZone: options.timeZone,
    outcome: outcomeOf(rule),
    ...(rule.outcomeSource?.source === 'tracker'
      ? {
          outcomeSource: {
            source: 'tracker' as const,
            conversions: rule.outcomeSource.conversions,
            apps: data.tracker?.apps ?? [],
          },
        }
      : {}),
    days,
    totals: totalsOf(days),
  };
}

/**
 * Per currency over the range. Bands are summed as given (a conservative range, not a joint 90% band: the days'
 * errors are not independent, they come from the same curves).
 */
function totalsOf(days: readonly BacktestDay[]): BacktestTotal[] {
  const totals = new Map<string, BacktestTotal & { up: bigint; down: bigint }>();
  for (const day of days) {
    for (const c of day.currencies) {
      const t = totals.get(c.currency) ?? {
        currency: c.currency,
        changes: 0,
        daysWithChanges: 0,
        increaseMicros: '0',
        decreaseMicros: '0',
        predictedDelta: 0,
        predictedLow: 0,
        predictedHigh: 0,
        up: 0n,
        down: 0n,
      };
      totals.set(c.currency, t);
      t.changes += c.changes.length;
      if (c.changes.length > 0) t.daysWithChanges += 1;
      for (const change of c.changes) {
        const delta = BigInt(change.toMicros) - BigInt(change.fromMicros);
        if (delta > 0n) t.up += delta;
        else t.down -= delta;
      }
      t.predictedDelta += c.predictedDelta;
      t.predictedLow += c.predictedLow;
      t.predictedHigh += c.predictedHigh;
    }
  }
  return [...totals.values()]
    .sort((a, b) => (a.currency < b.currency ? -1 : 1))
    .map(({ up, down, ...t }) => ({ ...t, increaseMicros: up.toString(), decreaseMicros: down.toString() }));
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
