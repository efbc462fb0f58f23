import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import { runTimeoutMs } from '../config/accounts';
import type { EngineConfig } from '../config/load';
import { loadRules } from '../config/rules';
import { dateInZone } from '../domain/dates';
import { currencyDecimals, microsToDecimal } from '../domain/money';
import { MAIN_TASK_QUEUE } from '../domain/platforms';
import { rebalanceWorkflowId } from '../domain/workflow-ids';
import type { RebalanceState } from '../workflows/messages';

export interface RebalanceSummary {
  advertiserId: string;
  workflowId: string;
  state: RebalanceState;
}

/**
 * The demo's budget step: one rebalanceBudgets run per advertiser with rules, each followed until it has planned and
 * applied its auto plans (its `plans` query says waiting or done). Plans waiting for an AE stay open in Temporal.
 */
export async function startRebalances(client: Client, config: EngineConfig): Promise<RebalanceSummary[]> {
  const rules = loadRules(config);
  const advertisers = [...new Set(rules.rules.map((r) => r.advertiserId))];
  const date = dateInZone(new Date(), config.accounts.timeZone);
  const summaries: RebalanceSummary[] = [];
  for (const advertiserId of advertisers) {
    const workflowId = rebalanceWorkflowId(advertiserId, date);
    const handle = await client.workflow.start('rebalanceBudgets', {
      taskQueue: MAIN_TASK_QUEUE,
      workflowId,
      args: [{ advertiserId }],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowExecutionTimeout: runTimeoutMs(config.platforms.runs, 'rebalanceBudgets'),
      staticSummary: `Budget rebalancing for ${advertiserId} on ${date}: see Current Details for the plans`,
    });
    for (;;) {
      const state = await handle.query<RebalanceState>('plans').catch(() => undefined);
      if (state && (state.phase === 'waiting' || state.phase === 'done')) {
        summaries.push({ advertiserId, workflowId, state });
        break;
      }
      const described = await handle.describe();
      if (described.status.name !== 'RUNNING') {
        summaries.push({ advertiserId, workflowId, state: (await handle.result()) as RebalanceState });
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return summaries;
}

export function printRebalances(summaries: RebalanceSummary[], workflowsUrl: string | undefined): void {
  console.log('Budget plans:');
  if (summaries.length === 0) console.log('  no rules in config/rules.yaml');
  for (const { advertiserId, workflowId, state } of summaries) {
    for (const killed of state.killedRules)
      console.log(`  ${advertiserId} rule ${killed.ruleId}: not run, ${killed.why}`);
    for (const plan of state.plans) {
      const money = (m: string) => microsToDecimal(BigInt(m), currencyDecimals(plan.currency));
      const outcomes = state.outcomes[plan.planId] ?? [];
      const applied = outcomes.filter((o) => o.status === 'applied').length;
      const detail =
        plan.status === 'applied' || plan.status === 'applied_with_problems'
          ? `, ${applied}/${outcomes.length} changes applied`
          : '';
      console.log(
        `  ${plan.planId}: ${plan.automation}, ${plan.status.replace(/_/g, ' ')}, ${plan.proposals.length} changes, ${plan.skipped.length} left alone${detail}`,
      );
      for (const p of plan.proposals.slice(0, 5)) {
        console.log(
          `    ${p.platform} ${p.name}: ${money(p.fromMicros)} → ${money(p.toMicros)} ${plan.currency}  (${p.reason})`,
        );
      }
      if (plan.proposals.length > 5)
        console.log(`    … ${plan.proposals.length - 5} more: bin/adops plans --advertiser ${advertiserId}`);
      if (plan.status === 'awaiting_approval') {
        if (workflowsUrl) console.log(`    approve in the Web UI: ${workflowsUrl}/${encodeURIComponent(workflowId)}`);
        console.log(`    or from a shell (with a worker running: bin/adops worker): bin/adops approve ${plan.planId}`);
      }
    }
  }
}
