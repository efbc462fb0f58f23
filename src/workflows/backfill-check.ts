import { patched, proxyActivities } from '@temporalio/workflow';
import type { CoreActivities } from '../activities';
import type { BackfillInput } from '../domain/workflow-input';

/** Backfills started before the config check existed replay without it. */
const CHECKS_BACKFILL_AGAINST_CONFIG = 'backfill-checked-against-config';

const { checkBackfill } = proxyActivities<CoreActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5 },
});

/**
 * Before a backfill's first chunk: the account is in config, the range lies between config's earliest date and the
 * account's today, and is no longer than runs.maxBackfillDays. Fails the run with InvalidWorkflowInput otherwise.
 */
export async function checkBackfillAgainstConfig(input: BackfillInput): Promise<void> {
  if (!patched(CHECKS_BACKFILL_AGAINST_CONFIG)) return;
  await checkBackfill({ platform: input.platform, accountId: input.accountId, from: input.from, to: input.to });
}
