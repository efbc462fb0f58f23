import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { TrackerActivities } from '../activities';
import type { PullTrackerAppResult } from '../activities/tracker-pull';
import { trackerTaskQueue } from '../domain/trackers';
import { parsePullTrackerAppInput, type PullTrackerAppInput } from '../domain/workflow-input';
import { parseOrFail } from './failures';

/** Pulls one app's tracker report for a date range into tracker_daily, on the tracker's own task queue. */
export async function pullTrackerApp(rawInput: PullTrackerAppInput): Promise<PullTrackerAppResult> {
  const input = parseOrFail(() => parsePullTrackerAppInput(rawInput));
  const { pullTrackerApp: pull } = proxyActivities<TrackerActivities>({
    taskQueue: trackerTaskQueue(workflowInfo().taskQueue, input.tracker),
    // Airbridge tasks may run for minutes (taskTimeoutSeconds, twice); the heartbeat keeps a slow task alive.
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: '30 seconds',
    retry: {
      initialInterval: '5 seconds',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      // A spent AppsFlyer quota retries once at 00:00 UTC (its nextRetryDelay), so a handful of attempts suffices.
      maximumAttempts: 8,
      nonRetryableErrorTypes: [
        'AdApiAuthError',
        'AdApiPermissionError',
        'AdApiBadRequest',
        'AdApiMalformedResponse',
        'MissingCredential',
        'ConfigError',
        'InvalidWorkflowInput',
      ],
    },
    summary: `pull ${input.tracker} ${input.appId} ${input.from}..${input.to}`,
  });
  const result = await pull(input);
  log.info('tracker app pulled', { tracker: input.tracker, app: result.app, rows: result.rows, ...result.counts });
  return result;
}
