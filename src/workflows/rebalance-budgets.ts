import {
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CoreActivities, PlatformActivities } from '../activities';
import type { BudgetChange, ChangeOutcome } from '../activities/budgets';
import { platformTaskQueue, type Platform } from '../domain/platforms';
import { DecisionError, parseDecision, type DecideInput } from '../domain/rebalance/decision';
import { plansMarkdown } from '../domain/rebalance/plan-markdown';
import type { DecisionRecord, PlanRecord, PlanStatus } from '../domain/rebalance/plan-record';
import { parseRebalanceInput, type RebalanceInput } from '../domain/workflow-input';
import { parseOrFail } from './failures';
import { decideUpdate, plansQuery, type DecideResult, type RebalanceState } from './messages';
import { proposePromotions } from './promotion-proposals';

const core = proxyActivities<CoreActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['InvalidWorkflowInput', 'ConfigError'] },
});

/** Runs started before promotions were proposed end without proposing; their histories replay on that branch. */
const PROMOTION_PROPOSALS = 'promotion-proposals';

/** How long a revert waits for its approval. */
const REVERT_EXPIRES_AFTER_MS = 24 * 3_600_000;

const NON_RETRYABLE = [
  'AdApiAuthError',
  'AdApiPermissionError',
  'AdApiBadRequest',
  'MissingCredential',
  'ConfigError',
  'InvalidWorkflowInput',
];

function platformActivities(platform: Platform) {
  return proxyActivities<PlatformActivities>({
    taskQueue: platformTaskQueue(workflowInfo().taskQueue, platform),
    startToCloseTimeout: '10 minutes',
    // A worker killed mid-apply is noticed this fast; the retry continues from the ledger, never writing twice.
    heartbeatTimeout: '20 seconds',
    retry: {
      initialInterval: '2 seconds',
      maximumInterval: '1 minute',
      maximumAttempts: 10,
      nonRetryableErrorTypes: NON_RETRYABLE,
    },
  });
}

/**
 * Plans the advertiser's budget rules and, by each rule's automation level: shadow records and ends; approve waits for
 * an AE's `decide` Update (approve all, some, or reject), expiring unapplied; auto applies, asking for approval when a
 * change is above the rule's auto ceiling. Changes are applied on each platform's queue, exactly once, after reading
 * the current value (activities/budgets.ts).
 */
export async function rebalanceBudgets(rawInput: RebalanceInput): Promise<RebalanceState> {
  const input = parseOrFail(() => parseRebalanceInput(rawInput));
  const state: RebalanceState = { phase: 'planning', plans: [], outcomes: {}, killedRules: [] };
  const decisions: Array<{ decision: DecideInput; approvedKeys: string[] }> = [];
  const show = () => setCurrentDetails(plansMarkdown(state.plans));
  const waiting = () => state.plans.filter((p) => p.status === 'awaiting_approval');
  const final = (status: PlanStatus) => !['awaiting_approval', 'applying'].includes(status);

  setHandler(plansQuery, () => state, { description: 'Every plan of this run with its status and outcomes' });
  setHandler(
    decideUpdate,
    async (arg): Promise<DecideResult> => {
      const parsed = parseDecision(arg, waiting());
      decisions.push(parsed);
      // Answer once the decision is recorded and, if approved, applied: the caller sees what happened.
      await condition(() => {
        const plan = state.plans.find((p) => p.planId === parsed.decision.planId);
        return plan !== undefined && final(plan.status) && !decisions.includes(parsed);
      });
      const plan = state.plans.find((p) => p.planId === parsed.decision.planId) as PlanRecord;
      return {
        planId: plan.planId,
        status: plan.status,
        approved: parsed.approvedKeys.length,
        outcomes: state.outcomes[plan.planId] ?? [],
      };
    },
    {
      validator: (arg) => {
        try {
          parseDecision(arg, waiting());
        } catch (err) {
          // The validator's message is what the Web UI and `adops approve` show; nothing enters history.
          if (err instanceof DecisionError) throw new Error(err.message);
          throw err;
        }
      },
      description:
        'Approve all, approve some ("only": [entity ids]) or reject a waiting plan: {"planId", "decision", "by", "reason"}',
    },
  );
  show();

  if (input.revertPlanId) {
    const plan = await core.planRevert({
      revertPlanId: input.revertPlanId,
      advertiserId: input.advertiserId,
      date: input.date ?? new Date().toISOString().slice(0, 10),
    });
    plan.expiresAt = new Date(Date.now() + REVERT_EXPIRES_AFTER_MS).toISOString();
    await core.recordPlanStatus({ planId: plan.planId, status: plan.status, expiresAt: plan.expiresAt });
    state.plans.push(plan);
    show();
  } else {
    const prepared = await core.prepareRebalance({ advertiserId: input.advertiserId, ruleId: input.ruleId });
    const date = input.date ?? prepared.date;
    for (const rule of prepared.rules) {
      if (rule.killed) {
        state.killedRules.push({ ruleId: rule.ruleId, why: rule.killed });
        log.warn('rule not planned', { ruleId: rule.ruleId, why: rule.killed });
        continue;
      }
      const readings = await Promise.all(
        rule.accounts.map(async (account) => ({
          platform: account.platform,
          accountId: account.accountId,
          readings: await platformActivities(account.platform).readBudgets(account),
        })),
      );
      const plans = await core.planRule({
        ruleId: rule.ruleId,
        advertiserId: input.advertiserId,
        date,
        dryRun: input.dryRun ?? false,
        readings,
      });
      for (const plan of plans) {
        if (plan.status === 'awaiting_approval') {
          const expiresAt = new Date(Date.now() + rule.approvalExpiresAfterMs).toISOString();
          plan.expiresAt = expiresAt;
          await core.recordPlanStatus({ planId: plan.planId, status: plan.status, expiresAt });
        }
        state.plans.push(plan);
        log.info('plan made', { planId: plan.planId, status: plan.status, proposals: plan.proposals.length });
      }
      show();
    }
  }

  state.phase = 'applying';
  for (const plan of state.plans.filter((p) => p.status === 'applying')) {
    await applyPlan(plan, {
      verdict: 'automatic',
      approvedKeys: plan.proposals.map((p) => p.key),
      by: 'automatic',
      reason: `auto rule ${plan.ruleId}`,
      at: new Date().toISOString(),
    });
  }

  state.phase = 'waiting';
  show();
  while (waiting().length > 0) {
    const nextExpiry = Math.min(...waiting().map((p) => Date.parse(p.expiresAt ?? '') || Date.now()));
    await condition(() => decisions.length > 0, Math.max(1, nextExpiry - Date.now()));
    while (decisions.length > 0) {
      const { decision, approvedKeys } = decisions[0] as (typeof decisions)[number];
      const plan = state.plans.find((p) => p.planId === decision.planId);
      if (plan && plan.status === 'awaiting_approval') {
        const record: DecisionRecord = {
          verdict: decision.decision === 'approve' ? 'approved' : 'rejected',
          approvedKeys,
          by: decision.by,
          reason: decision.reason ?? '',
          at: new Date().toISOString(),
        };
        if (decision.decision === 'reject') await setStatus(plan, 'rejected', record);
        else await applyPlan(plan, record);
      }
      decisions.shift();
    }
    for (const plan of waiting()) {
      if (Date.parse(plan.expiresAt ?? '') <= Date.now()) {
        await setStatus(plan, 'expired', {
          verdict: 'expired',
          approvedKeys: [],
          by: 'nobody',
          reason: 'no decision before it expired',
          at: new Date().toISOString(),
        });
      }
    }
    show();
  }
  // With this run's decisions in, a rule planned below auto may meet its bar: propose it (dry runs only look).
  const climbing = [...new Set(state.plans.filter((p) => p.automation !== 'auto').map((p) => p.ruleId))];
  if (!input.dryRun && !input.revertPlanId && climbing.length > 0 && patched(PROMOTION_PROPOSALS))
    await proposePromotions(climbing);
  state.phase = 'done';
  show();
  await condition(allHandlersFinished);
  return state;

  async function setStatus(plan: PlanRecord, status: PlanStatus, decision?: DecisionRecord) {
    await core.recordPlanStatus({ planId: plan.planId, status, ...(decision ? { decision } : {}) });
    plan.status = status;
    if (decision) plan.decision = decision;
    log.info('plan decided', { planId: plan.planId, status, by: decision?.by });
  }

  async function applyPlan(plan: PlanRecord, decision: DecisionRecord) {
    const killed = await core.checkKillSwitch({ ruleId: plan.ruleId });
    if (killed) {
      await setStatus(plan, 'killed', { ...decision, reason: `${decision.reason}; not applied: ${killed}` });
      return;
    }
    await setStatus(plan, 'applying', decision);
    show();
    const approved = plan.proposals.filter((p) => decision.approvedKeys.includes(p.key));
    const byAccount = new Map<string, { platform: Platform; accountId: string; changes: BudgetChange[] }>();
    for (const p of approved) {
      const id = `${p.platform}|${p.accountId}`;
      const group = byAccount.get(id) ?? { platform: p.platform, accountId: p.accountId, changes: [] };
      group.changes.push({
        key: p.key,
        level: p.level,
        entityId: p.entityId,
        ...(p.campaignId ? { campaignId: p.campaignId } : {}),
        fromMicros: p.fromMicros,
        toMicros: p.toMicros,
      });
      byAccount.set(id, group);
    }
    const results = await Promise.allSettled(
      [...byAccount.values()].map((group) =>
        platformActivities(group.platform).applyBudgetChanges({ planId: plan.planId, ...group }),
      ),
    );
    const outcomes: ChangeOutcome[] = results.flatMap((r, i) =>
      r.status === 'fulfilled'
        ? r.value
        : ([...byAccount.values()][i]?.changes ?? []).map((c) => ({
            key: c.key,
            status: 'failed' as const,
            detail:
              (r.reason as Error).cause instanceof Error
                ? ((r.reason as Error).cause as Error).message
                : String(r.reason),
          })),
    );
    state.outcomes[plan.planId] = outcomes;
    const clean = outcomes.every((o) => o.status === 'applied');
    await setStatus(plan, clean ? 'applied' : 'applied_with_problems');
  }
}
