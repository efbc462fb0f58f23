import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from 'mongodb';
import type { EngineConfig } from '../config/load';
import { findRule, loadRules, promotionBar, ruleVersion } from '../config/rules';
import type { RuleConfig } from '../config/rules-schema';
import { loadTrackersConfig } from '../config/trackers';
import { effectiveBudgetRules } from '../connectors/budget-rules';
import { dateInZone, type IsoDate } from '../domain/dates';
import type { MetricRow } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import type { PromotionBar } from '../domain/rebalance/rule-stats';
import {
  proposalKey,
  type AutomationLevel,
  type DecisionRecord,
  type ProposalRecord,
  type PlanRecord,
  type PlanStatus,
} from '../domain/rebalance/plan-record';
import {
  appliedWindowStart,
  inRuleScope,
  lookbackDates,
  monthToDateDates,
  planRuleCurrencies,
  type RuleAccount,
} from '../domain/rebalance/rule-plan';
import { appliedSince, findPlan, insertPlanOnce, ledgerOfPlan, setPlanStatus } from '../storage/budget-store';
import { COLLECTIONS } from '../storage/mongo';
import { findAccountDays } from '../storage/metrics-store';
import { feedNames, readTrackerOutcomeData } from '../storage/tracker-outcomes';
import type { BudgetReadingRecord, BudgetTargetInput } from './budgets';
import { levelForPlanning } from './rule-level';
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

  function ruleOf(config: EngineConfig, ruleId: string): { rule: RuleConfig; bar: PromotionBar } {
    const rules = loadRules(config);
    const rule = findRule(rules, ruleId);
    if (!rule) throw refuse(`ruleId: "${ruleId}" is not in config/rules.yaml`);
    return { rule, bar: promotionBar(rules, rule) };
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
      const { rule, bar } = ruleOf(config, input.ruleId);
      // The effective level (config moved by recorded promotions and demotions), after any demotion that is due.
      const planning = await levelForPlanning(deps.db, rule, bar, now(), () =>
        loadTrackersConfig(config.dir, config.accounts),
      );
      const info = Context.current().info;
      const { workflowId, runId } = info.workflowExecution ?? { workflowId: 'standalone', runId: info.activityId };
      const currencyOf = new Map(
        config.accounts.advertisers.flatMap((a) => a.accounts).map((a) => [`${a.platform}|${a.accountId}`, a.currency]),
      );
      const nameOf = await entityNames(deps.db, input.readings);
      const planningTime = now();
      const applied = await appliedSince(
        deps.db,
        input.readings.map((r) => r.accountId),
        appliedWindowStart(rule, {
          now: planningTime,
          date: input.date,
          timeZone: config.accounts.timeZone,
        }).toISOString(),
      );

      const accounts: RuleAccount[] = input.readings.map((account) => {
        const currency = currencyOf.get(`${account.platform}|${account.accountId}`) ?? 'XXX';
        return {
          platform: account.platform,
          accountId: account.accountId,
          currency,
          rules: effectiveBudgetRules(account.platform, currency, config.platforms.platforms[account.platform]?.budget),
          entities: account.readings.map((reading) => ({
            key: reading.key,
            level: reading.level,
            entityId: reading.entityId,
            ...(reading.campaignId ? { campaignId: reading.campaignId } : {}),
            name: nameOf.get(reading.key) ?? reading.entityId,
            budgetMicros: reading.micros === null ? null : BigInt(reading.micros),
            ...(reading.holder?.shared ? { holderId: reading.holder.id } : {}),
          })),
        };
      });
      const rowsOf = async (dates: IsoDate[]) => {
        const rows: MetricRow[] = [];
        for (const account of input.readings) {
          const level = account.readings[0]?.level ?? rule.scope.level;
          rows.push(
            ...(await findAccountDays(deps.db, {
              platform: account.platform,
              accountId: account.accountId,
              level,
              dates,
            })),
          );
        }
        return rows;
      };
      // A tracker rule: the tracker's figures of the scope's campaigns on the same lookback days.
      const source = rule.outcomeSource;
      const tracker =
        source?.source === 'tracker'
          ? await readTrackerOutcomeData(deps.db, loadTrackersConfig(config.dir, config.accounts), {
              advertiserId: input.advertiserId,
              accounts: input.readings.map((r) => ({ platform: r.platform, accountId: r.accountId })),
              dates: lookbackDates(rule, input.date),
              conversions: source.conversions,
            })
          : undefined;
      const planned = planRuleCurrencies(rule, {
        date: input.date,
        now: planningTime,
        timeZone: config.accounts.timeZone,
        accounts,
        history: await rowsOf(lookbackDates(rule, input.date)),
        // Every row of this month before the plan's day, settled or not (spend does not restate).
        monthToDate: rule.objective.kind === 'paceMonthly' ? await rowsOf(monthToDateDates(input.date)) : [],
        applied: applied.flatMap((e) =>
          e.appliedAt ? [{ key: e.key, accountId: e.accountId, appliedAt: e.appliedAt }] : [],
        ),
        ...(tracker ? { tracker } : {}),
      });

      const plans: PlanRecord[] = [];
      for (const { currency, plannerJson, result, proposals, skipped } of planned) {
        const largest = proposals.reduce((m, p) => Math.max(m, Math.abs(p.changePct)), 0);
        const ceilingExceeded =
          planning.level === 'auto' && largest > rule.autoCeilingPct
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
          automation: planning.level,
          ...(planning.note ? { configLevel: planning.configLevel, levelNote: planning.note } : {}),
          objective: rule.objective.kind,
          ...(tracker && source?.source === 'tracker'
            ? { outcomeSource: { source: 'tracker', conversions: source.conversions, apps: feedNames(tracker.feeds) } }
            : {}),
          date: input.date,
          createdAt: now().toISOString(),
          inputsHash,
          totalFromMicros: result.totalFromMicros,
          totalToMicros: result.totalToMicros,
          proposals,
          skipped,
          ...(ceilingExceeded ? { ceilingExceeded } : {}),
          status: initialStatus(planning.level, proposals.length, input.dryRun, ceilingExceeded),
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

function initialStatus(
  level: AutomationLevel,
  changes: number,
  dryRun: boolean,
  ceiling: string | undefined,
): PlanStatus {
  if (dryRun) return 'dry_run';
  if (changes === 0) return 'empty';
  if (level === 'shadow') return 'shadow';
  if (level === 'approve' || ceiling) return 'awaiting_approval';
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
  return docs
    .filter((d) => inRuleScope(rule, { entityId: String(d.entityId), name: String(d.name) }))
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
