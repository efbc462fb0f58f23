import type { Command } from 'commander';
import { WorkflowIdConflictPolicy, WorkflowUpdateFailedError } from '@temporalio/client';
import { MAIN_TASK_QUEUE } from '../domain/platforms';
import { currencyDecimals, microsToDecimal } from '../domain/money';
import type { DecideInput } from '../domain/rebalance/decision';
import type { PlanRecord } from '../domain/rebalance/plan-record';
import { stackEnvironment, stackUp } from '../stack';
import { readStackState } from '../stack/state';
import { findPlan, listPlans } from '../storage/budget-store';
import { connectDatabase } from '../storage/mongo';
import { connectClient } from '../temporal/connection';
import type { DecideResult, RebalanceState } from '../workflows/messages';
import { explainText, outcomeSourceText } from '../domain/rebalance/explain';
import { gatherExplanation } from '../reports/plan-explanation';
import { withTrackerAfter } from '../activities/tracker-outcomes';
import { loadConfig } from '../config/load';
import { loadTrackersConfig } from '../config/trackers';

/** Runs `work` on the stack's database (started if need be), closing the connection after. */
export async function withPlans<T>(work: (db: import('mongodb').Db) => Promise<T>): Promise<T> {
  if (!process.env.MONGO_URL) {
    Object.assign(process.env, stackEnvironment(await stackUp({ sandbox: Boolean(readStackState().sandbox) })));
  }
  const database = await connectDatabase(process.env.MONGO_URL as string);
  try {
    return await work(database.db);
  } finally {
    await database.client.close();
  }
}

function printPlan(plan: PlanRecord): void {
  const money = (m: string) => microsToDecimal(BigInt(m), currencyDecimals(plan.currency));
  console.log(
    `${plan.planId}  ${plan.status}  rule ${plan.ruleId} (${plan.automation})  ${plan.currency}  workflow ${plan.workflowId}`,
  );
  if (plan.levelNote) console.log(`  level ${plan.automation}: ${plan.levelNote}`);
  if (plan.outcomeSource) console.log(`  outcome from ${outcomeSourceText(plan)}`);
  for (const p of plan.proposals) {
    console.log(`  ${p.platform} ${p.entityId} ${p.name}: ${money(p.fromMicros)} → ${money(p.toMicros)}  ${p.reason}`);
  }
}

/** `adops approve` and `adops plans`: the AE's decision from a shell, through the same Update the Web UI sends. */
export function registerApprovalCommands(program: Command): void {
  program
    .command('approve')
    .description('approve (all, or --only some) or --reject a budget plan waiting for approval')
    .argument('<planId>')
    .option('--only <ids>', 'comma-separated entity ids to approve; the rest of the plan is not applied')
    .option('--reject', 'reject the whole plan (needs --reason)')
    .option('--reason <text>', 'why (kept with the decision)')
    .option('--by <name>', 'who decides', process.env.USER ?? 'cli')
    .action(async (planId: string, opts: { only?: string; reject?: boolean; reason?: string; by: string }) => {
      const plan = await withPlans((db) => findPlan(db, planId));
      if (!plan) throw new Error(`no plan ${planId} in budget_plans; list them with: adops plans`);
      const decision: DecideInput = {
        planId,
        decision: opts.reject ? 'reject' : 'approve',
        by: opts.by,
        ...(opts.only
          ? {
              only: opts.only
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
        ...(opts.reason ? { reason: opts.reason } : {}),
      };
      const { client, connection } = await connectClient();
      try {
        const result = await client.workflow
          .getHandle(plan.workflowId)
          .executeUpdate<DecideResult, [DecideInput]>('decide', { args: [decision] });
        console.log(`${result.planId}: ${result.status} (${result.approved} approved)`);
        for (const o of result.outcomes) console.log(`  ${o.key}: ${o.status}${o.detail ? ` — ${o.detail}` : ''}`);
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError)
          throw new Error(`refused: ${(err.cause as Error | undefined)?.message ?? err.message}`);
        throw err;
      } finally {
        await connection.close();
      }
    });

  program
    .command('revert')
    .description("start a plan that puts an applied plan's budgets back to their `from` values (it waits for approval)")
    .argument('<planId>')
    .action(async (planId: string) => {
      const plan = await withPlans((db) => findPlan(db, planId));
      if (!plan) throw new Error(`no plan ${planId} in budget_plans; list them with: adops plans`);
      const { client, connection } = await connectClient();
      try {
        const handle = await client.workflow.start('rebalanceBudgets', {
          taskQueue: MAIN_TASK_QUEUE,
          workflowId: `revert:${planId}`,
          args: [{ advertiserId: plan.advertiserId, revertPlanId: planId }],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
          staticSummary: `Revert of ${planId}`,
        });
        for (;;) {
          const state = await handle.query<RebalanceState>('plans').catch(() => undefined);
          const revert = state?.plans[0];
          if (revert) {
            printPlan(revert);
            console.log(
              `approve with: adops approve ${revert.planId}   (or Send an Update "decide" on ${handle.workflowId})`,
            );
            break;
          }
          const described = await handle.describe();
          if (described.status.name !== 'RUNNING') {
            await handle.result(); // throws the run's own failure (e.g. nothing to revert)
            break;
          }
          await new Promise((r) => setTimeout(r, 500));
        }
      } finally {
        await connection.close();
      }
    });

  program
    .command('explain')
    .description('why a plan changed what it did: data, curve, rule version, decision, receipts, what happened after')
    .argument('<planId>')
    .action(async (planId: string) => {
      const config = loadConfig();
      const explained = await withPlans(async (db) =>
        // A tracker plan's "after" is the tracker's outcome, like what it was fitted on.
        withTrackerAfter(
          db,
          () => loadTrackersConfig(config.dir, config.accounts),
          await gatherExplanation(db, planId),
          new Date(),
        ),
      );
      console.log(explainText(explained));
    });

  program
    .command('plans')
    .description('recent budget plans with their status and proposals')
    .option('--advertiser <id>')
    .option('--waiting', 'only plans waiting for approval')
    .action(async (opts: { advertiser?: string; waiting?: boolean }) => {
      const plans = await withPlans((db) =>
        listPlans(db, {
          ...(opts.advertiser ? { advertiserId: opts.advertiser } : {}),
          ...(opts.waiting ? { status: 'awaiting_approval' as const } : {}),
        }),
      );
      if (plans.length === 0) console.log('no plans');
      for (const plan of plans) printPlan(plan);
    });
}
