import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  isCancellation,
  log,
  ParentClosePolicy,
  proxyActivities,
  startChild,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { CoreActivities } from '../activities';
import { SA_ADVERTISER, SA_RUN_KIND } from '../domain/search-attributes';
import { rulePromotion } from './rule-promotion';

const { proposePromotion } = proxyActivities<CoreActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['ConfigError'] },
});

/** A day past the longest proposalExpiresAfter: a proposal whose worker is gone cannot stay open for ever. */
const AFTER_EXPIRY_MS = 86_400_000;

/**
 * After a rebalance run: for each rule that may climb (planned below auto), a rulePromotion workflow when its bar is
 * met, started once per step. proposePromotion skips a step recorded before (open, declined, expired or confirmed);
 * two runs racing past that check meet Temporal's own guard, the deterministic id with REJECT_DUPLICATE, and the
 * second start fails with WorkflowExecutionAlreadyStarted. The proposal is ABANDONed by its parent: it waits for an
 * engineer long after the rebalance run ends. A failure here is logged, never fails the run: its plans stand.
 */
export async function proposePromotions(ruleIds: readonly string[]): Promise<string[]> {
  const started: string[] = [];
  for (const ruleId of ruleIds) {
    try {
      const due = await proposePromotion({ ruleId });
      if (!due) continue;
      const { workflowId, proposal } = due;
      await startChild(rulePromotion, {
        workflowId,
        args: [proposal],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowExecutionTimeout: proposal.expiresAfterMs + AFTER_EXPIRY_MS,
        staticSummary: `Promote ${proposal.ruleId} ${proposal.from} → ${proposal.to}? (decidePromotion)`,
        typedSearchAttributes: [
          { key: SA_ADVERTISER, value: [proposal.advertiserId] },
          { key: SA_RUN_KIND, value: 'promotion' },
        ],
      });
      log.info('promotion proposed', { ruleId, workflowId });
      started.push(workflowId);
    } catch (err) {
      if (isCancellation(err)) throw err;
      if (err instanceof WorkflowExecutionAlreadyStartedError) log.info('promotion already proposed', { ruleId });
      else log.warn('promotion not proposed', { ruleId, error: (err as Error).message });
    }
  }
  return started;
}
