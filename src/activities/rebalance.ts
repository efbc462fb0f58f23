import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from 'mongodb';
import type { EngineConfig } from '../config/load';
import { findRule, loadRules, ruleVersion } from '../config/rules';
import type { RuleConfig } from '../config/rules-schema';
import { effectiveBudgetRules } from '../connectors/budget-rules';
import { addDays, dateInZone, instantAt, type IsoDate } from '../domain/dates';
import type { EntityLevel, MetricRow } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import { cooldownSince } from '../domain/rebalance/cooldown';
import { plannerInput, type ScopedEntity } from '../domain/rebalance/planner-input';
import {
  proposalKey,
  type DecisionRecord,
  type ProposalRecord,
  type PlanRecord,
  type PlanStatus,
  type SkippedRecord,
} from '../domain/rebalance/plan-record';
import { appliedSince, findPlan, insertPlanOnce, ledgerOfPlan, setPlanStatus } from '../storage/budget-store';
import { COLLECTIONS } from '../storage/mongo';
import { findAccountDays } from '../storage/metrics-store';
import type { BudgetReadingRecord, BudgetTargetInput } from './budgets';
import { pacedDailyTotal, runPlanner } from './rebalance-planner';
import { INVALID_INPUT } from './run-bounds';

export interface RuleToRun {
  ruleId: string;
  ruleVersion: string;
  /** Set when a kill switch stops this rule: nothing is planned. */
  killed?: string;
  approvalExpiresAfterMs: number;
  /** The accounts in scope, each with the entities whose budgets the plan reads. */
  accounts: Array<{ platform: Platform; accountId: string; targets: BudgetTargetInput[] }>;
}

export interface PlanRuleInput {
  ruleId: string;
  advertiserId: string;
  date: IsoDate;
  dryRun: boolean;
  readings: Array<{ platform: Platform; accountId: string; readings: BudgetReadingRecord[] }>;
}

export interface RebalanceDeps {
  db: Db;
  loadConfig: () => EngineConfig;
  now?: () => Date;
}

const refuse = (message: string) => ApplicationFailure.nonRetryable(message, INVALID_INPUT);

export function createRebalanceActivities(deps: RebalanceDeps) {
  const now = deps.now ?? (() => new Date());

  function ruleOf(config: EngineConfig, ruleId: string): RuleConfig {
    const rule = findRule(loadRules(config), ruleId);
    if (!rule) throw refuse(`ruleId: "${ruleId}" is not in config/rules.yaml`);
    return rule;
  }

  /** Every row of the scope's accounts this month before the plan's day, settled or not (spend does not restate). */
  async function monthToDateRows(input: PlanRuleInput, rule: RuleConfig): Promise<MetricRow[]> {
    const first = `${input.date.slice(0, 8)}01`;
    const days: IsoDate[] = [];
    for (let d = first; d < input.date; d = addDays(d, 1)) days.push(d);
    const rows: MetricRow[] = [];
    for (const account of input.readings) {
      const level = account.readings[0]?.level ?? rule.scope.level;
      rows.push(
        ...(await findAccountDays(deps.db, {
          platform: account.platform,
          accountId: account.accountId,
          level,
          dates: days,
        })),
      );
    }
    return rows;
  }

  return {
    /**
     * The advertiser's rules (or the one asked for), checked against config, with the entities in each rule's scope
     * (from the last entity listing of every pull). A kill switch marks the rule killed instead of failing the run.
     */
    async prepareRebalance(input: {
      advertiserId: string;
      ruleId?: string;
    }): Promise<{ date: IsoDate; rules: RuleToRun[] }> {
      const config = deps.loadConfig();
      const advertiser = config.accounts.advertisers.find((a) => a.id === input.advertiserId);
      if (!advertiser) {
        throw refuse(
          `advertiserId: "${input.advertiserId}" is not in config/accounts.yaml (known: ${config.accounts.advertisers.map((a) => a.id).join(', ')})`,
        );
      }
      const rules = loadRules(config);
      const mine = rules.rules.filter((r) => r.advertiserId === input.advertiserId);
      if (input.ruleId !== undefined && !mine.some((r) => r.id === input.ruleId)) {
        throw refuse(
          `ruleId: "${input.ruleId}" is not a rule of ${input.advertiserId} in config/rules.yaml (its rules: ${mine.map((r) => r.id).join(', ') || 'none'})`,
        );
      }
      const selected = input.ruleId === undefined ? mine : mine.filter((r) => r.id === input.ruleId);
      const out: RuleToRun[] = [];
      for (const rule of selected) {
        const killed = rules.killSwitch
          ? 'the global kill switch is on (config/rules.yaml killSwitch)'
          : rule.killSwitch
            ? `the rule's kill switch is on (rules[${rule.id}].killSwitch)`
            : undefined;
        const accounts = advertiser.accounts.filter(
          (a) => !rule.scope.platforms || rule.scope.platforms.includes(a.platform),
        );
        const withTargets = killed
          ? []
          : await Promise.all(
              accounts.map(async (a) => ({
                platform: a.platform,
                accountId: a.accountId,
                targets: await scopedTargets(deps.db, rule, a.platform, a.accountId),
              })),
            );
        out.push({
          ruleId: rule.id,
          ruleVersion: ruleVersion(rule),
          ...(killed ? { killed } : {}),
          approvalExpiresAfterMs: rule.approvalExpiresAfter,
          accounts: withTargets.filter((a) => a.targets.length > 0),
        });
      }
      return { date: dateInZone(now(), config.accounts.timeZone), rules: out };
    },

    /**
     * Plans one rule, per currency, from stored settled metrics and the budgets just read, and stores each plan with
     * its exact planner input and that input's hash. Idempotent: a retry returns the plans stored first.
     */
    async planRule(input: PlanRuleInput): Promise<PlanRecord[]> {
      const config = deps.loadConfig();
      const rule = ruleOf(config, input.ruleId);
      const info = Context.current().info;
      const { workflowId, runId } = info.workflowExecution ?? { workflowId: 'standalone', runId: info.activityId };
      const currencyOf = new Map(
        config.accounts.advertisers.flatMap((a) => a.accounts).map((a) => [`${a.platform}|${a.accountId}`, a.currency]),
      );
      const nameOf = await entityNames(deps.db, input.readings);
      const accountIds = input.readings.map((r) => r.accountId);
      const plan = { now: now(), date: input.date, timeZone: config.accounts.timeZone };
      const coolingSince = (platform: Platform) =>
        cooldownSince(
          plan,
          rule.constraints.cooldownByPlatform?.[platform] ?? rule.constraints.cooldown,
        )?.toISOString();
      // "Per day" is the plan's agency day: the last 24 hours would count yesterday's run whenever today's reached
      // the same point a few seconds earlier.
      const dayStart = instantAt(input.date, '00:00', config.accounts.timeZone).toISOString();
      const since = input.readings
        .map((r) => coolingSince(r.platform))
        .reduce<string>((earliest, s) => (s !== undefined && s < earliest ? s : earliest), dayStart);
      const recent = await appliedSince(deps.db, accountIds, since);
      const changedToday = new Map<string, number>();
      for (const e of recent.filter((e) => (e.appliedAt ?? '') >= dayStart))
        changedToday.set(e.accountId, (changedToday.get(e.accountId) ?? 0) + 1);
      const cooling = new Set(
        recent
          .filter((e) => {
            const from = coolingSince(e.platform as Platform);
            return from !== undefined && (e.appliedAt ?? '') >= from;
          })
          .map((e) => e.key),
      );

      const days = Array.from({ length: rule.lookbackDays }, (_, i) => addDays(input.date, -(i + 1)));
      const history = new Map<string, MetricRow[]>();
      for (const account of input.readings) {
        const level = account.readings[0]?.level ?? rule.scope.level;
        const rows = await findAccountDays(deps.db, {
          platform: account.platform,
          accountId: account.accountId,
          level,
          dates: days,
        });
        for (const row of rows) {
          if (!rule.includeUnsettled && !row.mature) continue;
          const key = proposalKey(row);
          history.set(key, [...(history.get(key) ?? []), row]);
        }
      }

      const byCurrency = new Map<string, { entities: ScopedEntity[]; skipped: SkippedRecord[] }>();
      for (const account of input.readings) {
        const currency = currencyOf.get(`${account.platform}|${account.accountId}`) ?? 'XXX';
        const bucket = byCurrency.get(currency) ?? { entities: [], skipped: [] };
        byCurrency.set(currency, bucket);
        const platformRules = effectiveBudgetRules(
          account.platform,
          currency,
          config.platforms.platforms[account.platform]?.budget,
        );
        for (const reading of account.readings) {
          const name = nameOf.get(reading.key) ?? reading.entityId;
          if (reading.micros === null) {
            bucket.skipped.push({
              key: reading.key,
              name,
              why: 'no daily budget of its own (it lives on another level)',
            });
            continue;
          }
          bucket.entities.push({
            key: reading.key,
            platform: account.platform,
            accountId: account.accountId,
            level: reading.level,
            name,
            budgetMicros: BigInt(reading.micros),
            rules: platformRules,
            ...(reading.holder?.shared ? { holderId: reading.holder.id } : {}),
            cooldown: cooling.has(reading.key),
          });
        }
      }

      const plans: PlanRecord[] = [];
      for (const [currency, { entities, skipped }] of [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
        let total: bigint | undefined;
        if (rule.objective.kind === 'paceMonthly') {
          const monthly = rule.objective.monthlyBudget[currency];
          if (monthly === undefined) {
            skipped.push(
              ...entities.map((e) => ({
                key: e.key,
                name: e.name,
                why: `the rule has no monthly budget in ${currency}`,
              })),
            );
            entities.length = 0;
          } else {
            const keys = new Set(entities.map((e) => e.key));
            const spentRows = (await monthToDateRows(input, rule)).filter((r) => keys.has(proposalKey(r)));
            const historyRows = [...history.entries()].filter(([k]) => keys.has(k)).flatMap(([, rows]) => rows);
            total = pacedDailyTotal(monthly, spentRows, historyRows, input.date, rule.objective.weighting);
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
        const entityByKey = new Map(entities.map((e) => [e.key, e]));
        const proposals = result.proposals
          .filter((p) => p.toMicros !== p.fromMicros)
          .map(({ id, sharedWith, ...figures }): ProposalRecord => {
            const [platform, accountId, level, entityId] = id.split('|') as [Platform, string, EntityLevel, string];
            const campaignId = input.readings.flatMap((a) => a.readings).find((r) => r.key === id)?.campaignId;
            return {
              key: id,
              platform,
              accountId,
              level,
              entityId,
              ...(campaignId ? { campaignId } : {}),
              name: entityByKey.get(id)?.name ?? entityId,
              ...figures,
              reason: sharedWith.length
                ? `${figures.reason} (a shared budget: ${sharedWith.length} more campaign(s) move with it)`
                : figures.reason,
            };
          });
        const allSkipped = [
          ...skipped,
          ...result.skipped.map((s) => ({
            key: s.id,
            name: entityByKey.get(s.id)?.name ?? s.id,
            why: held.has(s.id) ? `${s.why}; held: the account reached maxChangesPerAccountPerDay` : s.why,
          })),
        ];
        const largest = proposals.reduce((m, p) => Math.max(m, Math.abs(p.changePct)), 0);
        const ceilingExceeded =
          rule.level === 'auto' && largest > rule.autoCeilingPct
            ? `its largest change is ${largest.toFixed(1)}%, above the rule's autoCeilingPct of ${rule.autoCeilingPct}%`
            : undefined;
        const inputsHash = createHash('sha256').update(JSON.stringify(plannerJson)).digest('hex');
        const plan: PlanRecord = {
          // Run ids are UUIDv7 (time first): a hash of the whole run tells two runs of the same minute apart.
          planId: `${rule.id}-${currency}-${input.date}-${createHash('sha256').update(`${workflowId}/${runId}`).digest('hex').slice(0, 8)}`,
          workflowId,
          ruleId: rule.id,
          ruleVersion: ruleVersion(rule),
          advertiserId: input.advertiserId,
          currency,
          automation: rule.level,
          objective: rule.objective.kind,
          date: input.date,
          createdAt: now().toISOString(),
          inputsHash,
          totalFromMicros: result.totalFromMicros,
          totalToMicros: result.totalToMicros,
          proposals,
          skipped: allSkipped,
          ...(ceilingExceeded ? { ceilingExceeded } : {}),
          status: initialStatus(rule, proposals.length, input.dryRun, ceilingExceeded),
        };
        plans.push(await insertPlanOnce(deps.db, plan, plannerJson));
      }
      return plans;
    },

    /**
     * A revert: every change the plan applied, back to its `from`, as a new plan that always asks for approval and is
     * applied like any other (a budget changed since is a conflict, not overwritten).
     */
    async planRevert(input: { revertPlanId: string; advertiserId: string; date: IsoDate }): Promise<PlanRecord> {
      const original = await findPlan(deps.db, input.revertPlanId);
      if (!original || original.advertiserId !== input.advertiserId) {
        throw refuse(
          `revertPlanId: no plan "${input.revertPlanId}" of ${input.advertiserId} in budget_plans (list them: bin/adops plans)`,
        );
      }
      const applied = new Set(
        (await ledgerOfPlan(deps.db, original.planId)).filter((e) => e.status === 'applied').map((e) => e.key),
      );
      if (applied.size === 0)
        throw refuse(`revertPlanId: plan ${original.planId} applied no change; there is nothing to revert`);
      const info = Context.current().info;
      const { workflowId, runId } = info.workflowExecution ?? { workflowId: 'standalone', runId: info.activityId };
      const proposals: ProposalRecord[] = original.proposals
        .filter((p) => applied.has(p.key))
        .map((p) => ({
          ...p,
          fromMicros: p.toMicros,
          toMicros: p.fromMicros,
          changePct: -p.changePct,
          predictedDelta: -p.predictedDelta,
          predictedLow: -p.predictedHigh,
          predictedHigh: -p.predictedLow,
          exposureMicros: p.fromMicros,
          reason: `revert of ${original.planId}: back to the budget before it`,
          boundBy: [],
        }));
      const sum = (key: 'fromMicros' | 'toMicros') => proposals.reduce((s, p) => s + BigInt(p[key]), 0n).toString();
      // Objects, not nested arrays: FerretDB 1.24 does not store arrays of arrays.
      const inputs = {
        revertOf: original.planId,
        proposals: proposals.map((p) => ({ key: p.key, fromMicros: p.fromMicros, toMicros: p.toMicros })),
      };
      const plan: PlanRecord = {
        planId: `revert-${original.planId}-${createHash('sha256').update(`${workflowId}/${runId}`).digest('hex').slice(0, 8)}`,
        workflowId,
        ruleId: original.ruleId,
        ruleVersion: original.ruleVersion,
        advertiserId: original.advertiserId,
        currency: original.currency,
        automation: 'approve',
        objective: `revert of ${original.planId}`,
        date: input.date,
        createdAt: now().toISOString(),
        inputsHash: createHash('sha256').update(JSON.stringify(inputs)).digest('hex'),
        totalFromMicros: sum('fromMicros'),
        totalToMicros: sum('toMicros'),
        proposals,
        skipped: [],
        status: 'awaiting_approval',
      };
      return insertPlanOnce(deps.db, plan, inputs);
    },

    async recordPlanStatus(input: {
      planId: string;
      status: PlanStatus;
      decision?: DecisionRecord;
      expiresAt?: string;
    }): Promise<void> {
      await setPlanStatus(deps.db, input.planId, input.status, {
        ...(input.decision ? { decision: input.decision } : {}),
        ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      });
    },

    /** Read right before applying: a kill switch turned on after approval still stops the changes. */
    async checkKillSwitch(input: { ruleId: string }): Promise<string | null> {
      const config = deps.loadConfig();
      const rules = loadRules(config);
      if (rules.killSwitch) return 'the global kill switch is on (config/rules.yaml killSwitch)';
      const rule = findRule(rules, input.ruleId);
      if (!rule) return `rule ${input.ruleId} is no longer in config/rules.yaml`;
      return rule.killSwitch ? `the rule's kill switch is on (rules[${rule.id}].killSwitch)` : null;
    },
  };
}

function initialStatus(rule: RuleConfig, changes: number, dryRun: boolean, ceiling: string | undefined): PlanStatus {
  if (dryRun) return 'dry_run';
  if (changes === 0) return 'empty';
  if (rule.level === 'shadow') return 'shadow';
  if (rule.level === 'approve' || ceiling) return 'awaiting_approval';
  return 'applying';
}

/** Entities of the rule's level on one account that match its ids and name pattern, from the last listing. */
async function scopedTargets(
  db: Db,
  rule: RuleConfig,
  platform: Platform,
  accountId: string,
): Promise<BudgetTargetInput[]> {
  const docs = await db
    .collection(COLLECTIONS.entities)
    .find({ platform, accountId, level: rule.scope.level })
    .toArray();
  const pattern = rule.scope.namePattern ? new RegExp(rule.scope.namePattern) : undefined;
  return docs
    .filter(
      (d) =>
        (!rule.scope.ids || rule.scope.ids.includes(String(d.entityId))) && (!pattern || pattern.test(String(d.name))),
    )
    .map((d) => ({
      key: proposalKey({ platform, accountId, level: rule.scope.level, entityId: String(d.entityId) }),
      level: rule.scope.level,
      entityId: String(d.entityId),
      ...(d.campaignId ? { campaignId: String(d.campaignId) } : {}),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

async function entityNames(db: Db, readings: PlanRuleInput['readings']): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const account of readings) {
    const docs = await db
      .collection(COLLECTIONS.entities)
      .find({ platform: account.platform, accountId: account.accountId })
      .toArray();
    for (const d of docs) names.set(proposalKey(d as never), String(d.name));
  }
  return names;
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
