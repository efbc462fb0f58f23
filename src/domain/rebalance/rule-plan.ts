import type { RuleConfig } from '../../config/rules-schema';
import type { BudgetRules } from '../../connectors/budget';
import { addDays, instantInZone, type IsoDate } from '../dates';
import { cooldownSince } from './cooldown';
import type { EntityLevel, MetricRow } from '../metrics';
import type { Platform } from '../platforms';
import { proposalKey, type ProposalRecord, type SkippedRecord } from './plan-record';
import { plannerInput, type ScopedEntity } from './planner-input';
import { pacedDailyTotal, runPlanner, type PlannerResult } from './run-planner';
import { withTrackerOutcomes, type TrackerOutcomeData } from './tracker-outcome';

/**
 * One rule planned on given data: the same steps whether the data is today's (planRule: budgets just read from the
 * platforms, metrics_daily, the ledger) or a past day's as it was known then (the backtest). Pure; the callers read.
 */

/** An entity in the rule's scope with the budget in force (null: its budget lives on another level). */
export interface RuleEntity {
  key: string;
  level: EntityLevel;
  entityId: string;
  campaignId?: string;
  name: string;
  budgetMicros: bigint | null;
  /** A budget several entities share (Google shared budgets): moved as one. */
  holderId?: string;
}

export interface RuleAccount {
  platform: Platform;
  accountId: string;
  currency: string;
  /** The platform's budget rules in this currency (unit, minimums, overspend factor). */
  rules: BudgetRules;
  entities: RuleEntity[];
}

/** A budget change applied to an account (any rule): cooldowns and the per-account daily cap count these. */
export interface AppliedChange {
  key: string;
  accountId: string;
  /** ISO time. */
  appliedAt: string;
}

export interface RulePlanningData {
  /** The agency-zone day the plan is for; history is the days before it. */
  date: IsoDate;
  /** The moment of planning: cooldowns shorter than whole days count back from it. */
  now: Date;
  /** The agency's zone: whole-day cooldowns and the per-account daily cap count its calendar days. */
  timeZone: string;
  accounts: RuleAccount[];
  /** Stored rows of the scope's accounts on the lookback days (`lookbackDates`), settled or not. */
  history: readonly MetricRow[];
  /** Rows of this month before `date` (`monthToDateDates`); only paceMonthly reads them. */
  monthToDate: readonly MetricRow[];
  /** Changes applied to these accounts since at least `appliedWindowStart` (older ones are ignored). */
  applied: readonly AppliedChange[];
  /**
   * For a rule with `outcomeSource: {source: tracker}`: the tracker's figures on the lookback days, which replace the
   * history's conversions and conversion value (absent: no tracker data, so every entity is skipped saying so).
   */
  tracker?: TrackerOutcomeData;
}

export interface CurrencyPlanning {
  currency: string;
  /** The exact planner input (stored with the plan and hashed). */
  plannerJson: Record<string, unknown>;
  result: PlannerResult;
  /** Budgets that move, as the engine records them. */
  proposals: ProposalRecord[];
  skipped: SkippedRecord[];
}

export function lookbackDates(rule: RuleConfig, date: IsoDate): IsoDate[] {
  return Array.from({ length: rule.lookbackDays }, (_, i) => addDays(date, -(i + 1)));
}

export function monthToDateDates(date: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = `${date.slice(0, 8)}01`; d < date; d = addDays(d, 1)) days.push(d);
  return days;
}

/** When the entities of `platform` stop being held by an applied change (null: no cooldown). */
function coolingSince(rule: RuleConfig, plan: PlanMoment, platform: string): Date | null {
  const byPlatform = rule.constraints.cooldownByPlatform as Partial<Record<string, number>> | undefined;
  return cooldownSince(plan, byPlatform?.[platform] ?? rule.constraints.cooldown);
}

interface PlanMoment {
  now: Date;
  date: IsoDate;
  timeZone: string;
}

/**
 * How far back applied changes matter: the longest cooldown of the rule (any platform), or the start of the plan's
 * agency day for the per-account cap, whichever is earlier.
 */
export function appliedWindowStart(rule: RuleConfig, plan: PlanMoment): Date {
  const cooldowns = [rule.constraints.cooldown, ...Object.values(rule.constraints.cooldownByPlatform ?? {})];
  const starts = cooldowns.map((c) => cooldownSince(plan, c ?? 0)?.getTime() ?? Infinity);
  return new Date(Math.min(instantInZone(plan.date, '00:00', plan.timeZone).getTime(), ...starts));
}

/** Whether a listed entity of the rule's level is in its scope (its ids and name pattern). */
export function inRuleScope(rule: RuleConfig, entity: { entityId: string; name: string }): boolean {
  if (rule.scope.ids && !rule.scope.ids.includes(entity.entityId)) return false;
  return !rule.scope.namePattern || new RegExp(rule.scope.namePattern).test(entity.name);
}

/** Plans the rule per currency (amounts are never moved across currencies), in currency order. */
export function planRuleCurrencies(rule: RuleConfig, data: RulePlanningData): CurrencyPlanning[] {
  const now = data.now.getTime();
  // "Per day" is the plan's agency day: the last 24 hours would count yesterday's run whenever today's reached the
  // same point a few seconds earlier.
  const dayStart = instantInZone(data.date, '00:00', data.timeZone).getTime();
  const changedToday = new Map<string, number>();
  const cooling = new Set<string>();
  for (const change of data.applied) {
    const at = Date.parse(change.appliedAt);
    if (at > now) continue;
    const platform = change.key.split('|')[0] ?? '';
    const since = coolingSince(rule, data, platform);
    if (since !== null && at >= since.getTime()) cooling.add(change.key);
    if (at >= dayStart) changedToday.set(change.accountId, (changedToday.get(change.accountId) ?? 0) + 1);
  }

  // A tracker rule fits on the media's spend and the tracker's outcome of the same campaign-day.
  let historyRows = data.history;
  const trackerSkipped = new Map<string, string>();
  if (rule.outcomeSource?.source === 'tracker') {
    const substituted = withTrackerOutcomes(
      data.history,
      data.accounts.flatMap((a) =>
        a.entities.map((e) => ({
          key: e.key,
          platform: a.platform,
          accountId: a.accountId,
          level: e.level,
          entityId: e.entityId,
          currency: a.currency,
        })),
      ),
      data.tracker ?? { conversions: rule.outcomeSource.conversions, feeds: [], days: [], reported: [] },
      { now: data.now, includeUnsettled: rule.includeUnsettled },
    );
    historyRows = substituted.rows;
    for (const s of substituted.skipped) trackerSkipped.set(s.key, s.why);
  }

  const history = new Map<string, MetricRow[]>();
  for (const row of historyRows) {
    if (!rule.includeUnsettled && !row.mature) continue;
    const key = proposalKey(row);
    history.set(key, [...(history.get(key) ?? []), row]);
  }

  const byCurrency = new Map<string, { entities: ScopedEntity[]; skipped: SkippedRecord[] }>();
  const entityOf = new Map<string, RuleEntity & { platform: Platform; accountId: string }>();
  for (const account of data.accounts) {
    const bucket = byCurrency.get(account.currency) ?? { entities: [], skipped: [] };
    byCurrency.set(account.currency, bucket);
    for (const entity of account.entities) {
      entityOf.set(entity.key, { ...entity, platform: account.platform, accountId: account.accountId });
      if (entity.budgetMicros === null) {
        bucket.skipped.push({
          key: entity.key,
          name: entity.name,
          why: 'no daily budget of its own (it lives on another level)',
        });
        continue;
      }
      const noTracker = trackerSkipped.get(entity.key);
      if (noTracker !== undefined) {
        bucket.skipped.push({ key: entity.key, name: entity.name, why: noTracker });
        continue;
      }
      bucket.entities.push({
        key: entity.key,
        platform: account.platform,
        accountId: account.accountId,
        level: entity.level,
        name: entity.name,
        budgetMicros: entity.budgetMicros,
        rules: account.rules,
        ...(entity.holderId ? { holderId: entity.holderId } : {}),
        cooldown: cooling.has(entity.key),
      });
    }
  }

  const out: CurrencyPlanning[] = [];
  for (const [currency, { entities, skipped }] of [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
    let total: bigint | undefined;
    if (rule.objective.kind === 'paceMonthly') {
      const monthly = rule.objective.monthlyBudget[currency];
      if (monthly === undefined) {
        skipped.push(
          ...entities.map((e) => ({ key: e.key, name: e.name, why: `the rule has no monthly budget in ${currency}` })),
        );
        entities.length = 0;
      } else {
        const keys = new Set(entities.map((e) => e.key));
        const spentRows = data.monthToDate.filter((r) => keys.has(proposalKey(r)));
        const historyRows = [...history.entries()].filter(([k]) => keys.has(k)).flatMap(([, rows]) => rows);
        total = pacedDailyTotal(monthly, spentRows, historyRows, data.date, rule.objective.weighting);
        const cap = rule.constraints.total === 'keep' ? undefined : rule.constraints.total.cap[currency];
        if (cap !== undefined && total > cap) total = cap;
      }
    }
    // The per-account cap on changes per day: hold the smallest moves of an account that would exceed it, re-plan.
    let held = new Set<string>();
    let plannerJson = plannerInput(rule, currency, entities, history, total);
    let result = runPlanner(plannerJson);
    for (let round = 0; round < 5; round += 1) {
      const extra = overCap(result.proposals, entities, rule.constraints.maxChangesPerAccountPerDay, changedToday);
      if (extra.length === 0) break;
      held = new Set([...held, ...extra]);
      const capped = entities.map((e) => (held.has(e.key) ? { ...e, cooldown: true } : e));
      plannerJson = plannerInput(rule, currency, capped, history, total);
      result = runPlanner(plannerJson);
    }
    const proposals = result.proposals
      .filter((p) => p.toMicros !== p.fromMicros)
      .map(({ id, sharedWith, ...figures }): ProposalRecord => {
        const [platform, accountId, level, entityId] = id.split('|') as [Platform, string, EntityLevel, string];
        const entity = entityOf.get(id);
        return {
          key: id,
          platform,
          accountId,
          level,
          entityId,
          ...(entity?.campaignId ? { campaignId: entity.campaignId } : {}),
          name: entity?.name ?? entityId,
          ...figures,
          reason: sharedWith.length
            ? `${figures.reason} (a shared budget: ${sharedWith.length} more campaign(s) move with it)`
            : figures.reason,
        };
      });
    out.push({
      currency,
      plannerJson,
      result,
      proposals,
      skipped: [
        ...skipped,
        ...result.skipped.map((s) => ({
          key: s.id,
          name: entityOf.get(s.id)?.name ?? s.id,
          why: held.has(s.id) ? `${s.why}; held: the account reached maxChangesPerAccountPerDay` : s.why,
        })),
      ],
    });
  }
  return out;
}

/** Keys to hold so no account changes more entities today than the cap allows (smallest moves held first). */
function overCap(
  proposals: ReadonlyArray<{ id: string; fromMicros: string; toMicros: string; changePct: number }>,
  entities: readonly ScopedEntity[],
  cap: number,
  changedToday: ReadonlyMap<string, number>,
): string[] {
  const accountOf = new Map(entities.map((e) => [e.key, e.accountId]));
  const byAccount = new Map<string, (typeof proposals)[number][]>();
  for (const p of proposals.filter((p) => p.toMicros !== p.fromMicros)) {
    const account = accountOf.get(p.id) ?? '';
    byAccount.set(account, [...(byAccount.get(account) ?? []), p]);
  }
  const held: string[] = [];
  for (const [account, list] of byAccount) {
    const room = Math.max(0, cap - (changedToday.get(account) ?? 0));
    if (list.length <= room) continue;
    const smallestFirst = [...list].sort(
      (a, b) => Math.abs(a.changePct) - Math.abs(b.changePct) || (a.id < b.id ? -1 : 1),
    );
    held.push(...smallestFirst.slice(0, list.length - room).map((p) => p.id));
  }
  return held;
}
