import { log, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CoreActivities, PlatformActivities } from '../activities';
import type { PullAccountDataResult } from '../activities/pull';
import { platformTaskQueue } from '../domain/platforms';
import { SA_ACCOUNT, SA_PLATFORM, SA_RUN_KIND } from '../domain/search-attributes';
import { parsePullAccountInput } from '../domain/workflow-input';
import { parseOrFail } from './failures';
import { pullProgressQuery, type PullProgress } from './messages';

export interface PullAccountWorkflowInput {
  platform: string;
  accountId: string;
  from: string;
  to: string;
  /** Set by dailyOps; resolved from config when an AE starts the pull directly. */
  advertiserId?: string;
}

export type PullAccountResult = PullAccountDataResult & { advertiserId: string };

/** Pulls one ad account for a date range: entities, then daily metrics, page by page. */
export async function pullAccount(rawInput: PullAccountWorkflowInput): Promise<PullAccountResult> {
  const { advertiserId, ...rest } = rawInput ?? ({} as PullAccountWorkflowInput);
  const input = parseOrFail(() => parsePullAccountInput(rest));
  upsertSearchAttributes([
    { key: SA_PLATFORM, value: input.platform },
    { key: SA_ACCOUNT, value: input.accountId },
    { key: SA_RUN_KIND, value: 'pull' },
  ]);
  const progress: PullProgress = { phase: 'pulling', ...input, rows: 0 };
  setHandler(pullProgressQuery, () => progress, { description: 'Rows stored so far' });

  const { resolveAccount } = proxyActivities<CoreActivities>({
    startToCloseTimeout: '1 minute',
    retry: { maximumAttempts: 5 },
  });
  const owner =
    advertiserId ?? (await resolveAccount({ platform: input.platform, accountId: input.accountId })).advertiserId;

  const { pullAccountData } = proxyActivities<PlatformActivities>({
    taskQueue: platformTaskQueue(workflowInfo().taskQueue, input.platform),
    startToCloseTimeout: '1 hour',
    // A dead worker is noticed this fast; the retry resumes from the last heartbeated cursor.
    heartbeatTimeout: '20 seconds',
    retry: {
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
      maximumAttempts: 12,
      nonRetryableErrorTypes: [
        'AdApiAuthError',
        'AdApiPermissionError',
        'AdApiBadRequest',
        'AdApiMalformedResponse',
        'MissingCredential',
        'AccountMismatch',
        'ConfigError',
      ],
    },
    summary: `pull ${input.platform} ${input.accountId} ${input.from}..${input.to}`,
  });
  const result = await pullAccountData({ ...input, advertiserId: owner });
  progress.phase = 'done';
  progress.rows = result.rows;
  log.info('account pulled', {
    platform: input.platform,
    accountId: input.accountId,
    rows: result.rows,
    ...result.counts,
  });
  return { ...result, advertiserId: owner };
}
