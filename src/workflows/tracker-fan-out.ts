import { executeChild, log, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { DailyRunPlan, PlannedTrackerApp } from '../activities/plan';
import { addCounts, ZERO_COUNTS, type UpsertCounts } from '../domain/metrics';
import { SA_ACCOUNT, SA_ADVERTISER, SA_PLATFORM, SA_RUN_KIND } from '../domain/search-attributes';
import { trackerPullWorkflowId } from '../domain/workflow-ids';
import { describe, inLanes } from './fan-out';
import { rootCause } from './failures';
import type { FanOutProgress } from './messages';
import { pullTrackerApp } from './pull-tracker-app';

export interface TrackerFanOutResult {
  apps: number;
  rows: number;
  counts: UpsertCounts;
  failed: Array<{ tracker: string; appId: string; error: string }>;
}

/**
 * One pullTrackerApp child per planned app, beside the media pulls (each tracker's activities run on its own task
 * queue, so they do not take the media's slots). A run never waits on a spent daily quota: the child fails at once,
 * naming it, and the next run pulls the same window again. A failed app is recorded and the others go on.
 */
export async function pullTrackerAppsInParallel(
  plan: Pick<DailyRunPlan, 'trackerApps' | 'maxParallelChildren' | 'pullTimeoutMs'>,
  progress: FanOutProgress,
  title: string,
): Promise<TrackerFanOutResult> {
  const apps = plan.trackerApps ?? [];
  const state = { appsTotal: apps.length, appsDone: 0, appsFailed: 0, rows: 0, counts: ZERO_COUNTS };
  progress.trackers = state;
  const failed: TrackerFanOutResult['failed'] = [];
  const pullOne = async (app: PlannedTrackerApp) => {
    try {
      const result = await executeChild(pullTrackerApp, {
        workflowId: trackerPullWorkflowId(app.tracker, app.appId, app.from, app.to, workflowInfo().workflowId),
        taskQueue: workflowInfo().taskQueue,
        ...(plan.pullTimeoutMs ? { workflowExecutionTimeout: plan.pullTimeoutMs } : {}),
        args: [{ tracker: app.tracker, appId: app.appId, from: app.from, to: app.to, waitForQuota: false }],
        typedSearchAttributes: [
          { key: SA_ADVERTISER, value: [app.advertiserId] },
          { key: SA_PLATFORM, value: app.tracker },
          { key: SA_ACCOUNT, value: app.appId },
          { key: SA_RUN_KIND, value: 'tracker-pull' },
        ],
        staticSummary: `${app.advertiserId}: ${app.tracker} ${app.appId} ${app.from}..${app.to}`,
      });
      state.rows += result.rows;
      state.counts = addCounts(state.counts, result.counts);
      state.appsDone += 1;
    } catch (err) {
      state.appsFailed += 1;
      const error = rootCause(err).message;
      failed.push({ tracker: app.tracker, appId: app.appId, error });
      log.warn('tracker app pull failed', { tracker: app.tracker, appId: app.appId, error });
    }
    setCurrentDetails(describe(title, progress));
  };
  await inLanes(apps, plan.maxParallelChildren, pullOne);
  return { apps: apps.length, rows: state.rows, counts: state.counts, failed };
}
