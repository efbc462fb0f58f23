import {
  ApplicationFailure,
  executeChild,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CoreActivities } from '../activities';
import type { PlannedAccount } from '../activities/plan';
import { addCounts, ZERO_COUNTS } from '../domain/metrics';
import { SA_ACCOUNT, SA_ADVERTISER, SA_PLATFORM, SA_RUN_KIND } from '../domain/search-attributes';
import { pullWorkflowId } from '../domain/workflow-ids';
import { parseDailyOpsInput, type DailyOpsInput } from '../domain/workflow-input';
import { parseOrFail, rethrowRoot, rootCause } from './failures';
import { dailyOpsProgressQuery, type DailyOpsProgress } from './messages';
import { pullAccount } from './pull-account';

const { planDailyRun, writeDailySummary } = proxyActivities<CoreActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['ConfigError'] },
});

export interface DailyOpsResult {
  date: string;
  accounts: number;
  failed: Array<{ platform: string; accountId: string; error: string }>;
  rows: number;
  counts: { inserted: number; updated: number; unchanged: number };
  reports: Array<{ advertiserId: string; path: string; rows: number }>;
}

/**
 * The daily run: pull every account of the chosen advertisers (one child workflow each, bounded fan-out), then
 * write a per-advertiser summary. A failed account does not stop the others; the run fails at the end, after the
 * report, naming each failed account.
 */
export async function dailyOps(rawInput: DailyOpsInput = {}): Promise<DailyOpsResult> {
  const input = parseOrFail(() => parseDailyOpsInput(rawInput));
  const progress: DailyOpsProgress = {
    phase: 'planning',
    date: input.date ?? null,
    accountsTotal: 0,
    accountsDone: 0,
    accountsFailed: 0,
    rows: 0,
    counts: ZERO_COUNTS,
  };
  setHandler(dailyOpsProgressQuery, () => progress, { description: 'Accounts pulled so far and rows stored' });

  const info = workflowInfo();
  const asOf =
    (info.searchAttributes?.TemporalScheduledStartTime?.[0] as Date | string | undefined) ?? new Date(info.startTime);
  const plan = await planDailyRun({ ...input, asOf: new Date(asOf).toISOString() }).catch(rethrowRoot);
  progress.date = plan.date;
  progress.accountsTotal = plan.accounts.length;
  progress.phase = 'pulling';
  upsertSearchAttributes([
    { key: SA_ADVERTISER, value: plan.advertisers },
    { key: SA_RUN_KIND, value: 'daily' },
  ]);
  log.info('daily run planned', {
    date: plan.date,
    advertisers: plan.advertisers.length,
    accounts: plan.accounts.length,
  });

  const failed: DailyOpsResult['failed'] = [];
  const pullOne = async (account: PlannedAccount) => {
    try {
      const result = await executeChild(pullAccount, {
        workflowId: pullWorkflowId(account.platform, account.accountId, plan.date, plan.date),
        taskQueue: info.taskQueue,
        args: [
          {
            platform: account.platform,
            accountId: account.accountId,
            from: plan.date,
            to: plan.date,
            advertiserId: account.advertiserId,
          },
        ],
        typedSearchAttributes: [
          { key: SA_ADVERTISER, value: [account.advertiserId] },
          { key: SA_PLATFORM, value: account.platform },
          { key: SA_ACCOUNT, value: account.accountId },
          { key: SA_RUN_KIND, value: 'pull' },
        ],
        staticSummary: `${account.advertiserId}: ${account.platform} ${account.accountId} for ${plan.date}`,
      });
      progress.rows += result.rows;
      progress.counts = addCounts(progress.counts, result.counts);
      progress.accountsDone += 1;
    } catch (err) {
      progress.accountsFailed += 1;
      const cause = rootCause(err).message;
      failed.push({ platform: account.platform, accountId: account.accountId, error: cause });
      log.warn('account pull failed', { platform: account.platform, accountId: account.accountId, error: cause });
    }
    setCurrentDetails(describe(progress));
  };
  await runWithLimit(plan.accounts, plan.maxParallelChildren, pullOne);

  progress.phase = 'reporting';
  setCurrentDetails(describe(progress));
  const { reports } = await writeDailySummary({ date: plan.date, advertiserIds: plan.advertisers });
  progress.phase = 'done';
  setCurrentDetails(describe(progress));

  const result: DailyOpsResult = {
    date: plan.date,
    accounts: plan.accounts.length,
    failed,
    rows: progress.rows,
    counts: progress.counts,
    reports: reports.map(({ advertiserId, path, rows }) => ({ advertiserId, path, rows })),
  };
  if (failed.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `${failed.length} of ${plan.accounts.length} account pulls failed (reports were written with the rest): ` +
        failed.map((f) => `${f.platform} ${f.accountId}: ${f.error}`).join(' | '),
      'AccountPullsFailed',
      result,
    );
  }
  return result;
}

/** At most `limit` children in flight; deterministic because it only awaits workflow promises. */
async function runWithLimit<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  });
  await Promise.all(lanes);
}

function describe(p: DailyOpsProgress): string {
  return [
    `**Daily run ${p.date ?? ''}**: ${p.phase}`,
    `Accounts: ${p.accountsDone}/${p.accountsTotal} done, ${p.accountsFailed} failed`,
    `Rows: ${p.rows} (inserted ${p.counts.inserted}, updated ${p.counts.updated}, unchanged ${p.counts.unchanged})`,
  ].join('\n\n');
}
