import { executeChild, log, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { DailyRunPlan, PlannedAccount } from '../activities/plan';
import { addCounts, ZERO_COUNTS, type UpsertCounts } from '../domain/metrics';
import { SA_ACCOUNT, SA_ADVERTISER, SA_PLATFORM, SA_RUN_KIND } from '../domain/search-attributes';
import { pullWorkflowId } from '../domain/workflow-ids';
import { rootCause } from './failures';
import type { FanOutProgress } from './messages';
import { pullAccount } from './pull-account';

export interface FanOutResult {
  rows: number;
  counts: UpsertCounts;
  failed: Array<{ platform: string; accountId: string; error: string }>;
}

export function newFanOutProgress(): FanOutProgress {
  return {
    phase: 'planning',
    date: null,
    accountsTotal: 0,
    accountsDone: 0,
    accountsFailed: 0,
    rows: 0,
    counts: ZERO_COUNTS,
  };
}

/**
 * One pullAccount child per planned account, at most `maxParallelChildren` in flight, each with the plan's execution
 * timeout (absent in plans recorded before it existed). A failed account is recorded and the others go on;
 * the caller decides what a failure means for the whole run. Deterministic: it only awaits workflow promises.
 */
export async function pullAccountsInParallel(
  plan: Pick<DailyRunPlan, 'accounts' | 'maxParallelChildren' | 'pullTimeoutMs'>,
  progress: FanOutProgress,
  title: string,
): Promise<FanOutResult> {
  const { accounts, maxParallelChildren: limit, pullTimeoutMs: childTimeoutMs } = plan;
  const failed: FanOutResult['failed'] = [];
  progress.accountsTotal = accounts.length;
  progress.phase = 'pulling';
  setCurrentDetails(describe(title, progress));
  const pullOne = async (account: PlannedAccount) => {
    try {
      const result = await executeChild(pullAccount, {
        workflowId: pullWorkflowId(
          account.platform,
          account.accountId,
          account.from,
          account.to,
          workflowInfo().workflowId,
        ),
        taskQueue: workflowInfo().taskQueue,
        ...(childTimeoutMs ? { workflowExecutionTimeout: childTimeoutMs } : {}),
        args: [
          {
            platform: account.platform,
            accountId: account.accountId,
            from: account.from,
            to: account.to,
          },
        ],
        typedSearchAttributes: [
          { key: SA_ADVERTISER, value: [account.advertiserId] },
          { key: SA_PLATFORM, value: account.platform },
          { key: SA_ACCOUNT, value: account.accountId },
          { key: SA_RUN_KIND, value: 'pull' },
        ],
        staticSummary: `${account.advertiserId}: ${account.platform} ${account.accountId} ${account.from}..${account.to}`,
      });
      progress.rows += result.rows;
      progress.counts = addCounts(progress.counts, result.counts);
      progress.accountsDone += 1;
    } catch (err) {
      progress.accountsFailed += 1;
      const error = rootCause(err).message;
      failed.push({ platform: account.platform, accountId: account.accountId, error });
      log.warn('account pull failed', { platform: account.platform, accountId: account.accountId, error });
    }
    setCurrentDetails(describe(title, progress));
  };
  await inLanes(accounts, limit, pullOne);
  return { rows: progress.rows, counts: progress.counts, failed };
}

/** Runs `work` on every item, at most `limit` at once, starting them in order. Deterministic (workflow promises). */
export async function inLanes<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

export function describe(title: string, p: FanOutProgress): string {
  const lines = [
    `**${title}**: ${p.phase}`,
    `Accounts: ${p.accountsDone}/${p.accountsTotal} done, ${p.accountsFailed} failed`,
    `Rows: ${p.rows} (inserted ${p.counts.inserted}, updated ${p.counts.updated}, unchanged ${p.counts.unchanged})`,
  ];
  const t = p.trackers;
  if (t) {
    lines.push(
      `Tracker apps: ${t.appsDone}/${t.appsTotal} done, ${t.appsFailed} failed; rows ${t.rows} (inserted ` +
        `${t.counts.inserted}, updated ${t.counts.updated}, unchanged ${t.counts.unchanged})`,
    );
  }
  return lines.join('\n\n');
}
