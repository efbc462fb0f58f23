import { log, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CoreActivities, PlatformActivities } from '../activities';
import type { PullAccountDataResult } from '../activities/pull';
import { platformTaskQueue } from '../domain/platforms';
import { SA_ACCOUNT, SA_PLATFORM, SA_RUN_KIND } from '../domain/search-attributes';
import { parsePullAccountInput, type PullAccountInput } from '../domain/workflow-input';
import { parseOrFail } from './failures';
import { pullProgressQuery, type PullProgress } from './messages';

export type PullAccountResult = PullAccountDataResult;

/**
 * Runs started before the owner came from config carried `advertiserId` in their input (set by dailyOps, or typed
 * by an AE) and trusted it. Those histories replay on the old branch; every new run takes the owner from
 * config/accounts.yaml inside the activity, and an `advertiserId` in the input is rejected as an unknown field.
 */
const OWNER_FROM_CONFIG = 'owner-from-config';
type LegacyPullAccountInput = PullAccountInput & { advertiserId?: string };

/** Pulls one ad account for a date range: entities, then daily metrics, page by page. */
export async function pullAccount(rawInput: PullAccountInput): Promise<PullAccountResult> {
  const legacy = !patched(OWNER_FROM_CONFIG);
  const { advertiserId: legacyOwner, ...legacyInput } = (rawInput ?? {}) as LegacyPullAccountInput;
  const input = parseOrFail(() => parsePullAccountInput(legacy ? legacyInput : rawInput));
  upsertSearchAttributes([
    { key: SA_PLATFORM, value: input.platform },
    { key: SA_ACCOUNT, value: input.accountId },
    { key: SA_RUN_KIND, value: 'pull' },
  ]);
  const progress: PullProgress = { phase: 'pulling', ...input, rows: 0 };
  setHandler(pullProgressQuery, () => progress, { description: 'Rows stored so far' });

  if (legacy && legacyOwner === undefined) {
    // Only so pre-patch histories of pulls started without an owner replay: the result is no longer used.
    const { resolveAccount } = proxyActivities<CoreActivities>({
      startToCloseTimeout: '1 minute',
      retry: { maximumAttempts: 5 },
    });
    await resolveAccount({ platform: input.platform, accountId: input.accountId });
  }

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
  const result = await pullAccountData(input);
  progress.phase = 'done';
  progress.rows = result.rows;
  log.info('account pulled', {
    platform: input.platform,
    accountId: input.accountId,
    rows: result.rows,
    ...result.counts,
  });
  return result;
}
