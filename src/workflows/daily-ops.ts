import {
  ApplicationFailure,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CoreActivities } from '../activities';
import type { DailyRunPlan } from '../activities/plan';
import { SA_ADVERTISER, SA_RUN_KIND } from '../domain/search-attributes';
import { parseDailyOpsInput, type DailyOpsInput } from '../domain/workflow-input';
import { describe, newFanOutProgress, pullAccountsInParallel, type FanOutResult } from './fan-out';
import { pullTrackerAppsInParallel, type TrackerFanOutResult } from './tracker-fan-out';
import { parseOrFail, rethrowRoot } from './failures';
import { dailyOpsProgressQuery, type FanOutProgress } from './messages';

const { planDailyRun, writeDailySummary, writeAdvertiserReport } = proxyActivities<CoreActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['ConfigError'] },
});

export interface DailyOpsResult {
  date: string;
  accounts: number;
  failed: FanOutResult['failed'];
  rows: number;
  counts: { inserted: number; updated: number; unchanged: number };
  /** Per advertiser: the report's first file (the workbook) and every file written. */
  reports: Array<{ advertiserId: string; path: string; rows?: number; files?: string[] }>;
  /** Tracker apps pulled beside the accounts (absent in runs from before tracker pulls joined the daily run). */
  trackers?: TrackerFanOutResult;
}

/**
 * Runs started before the daily run wrote full reports ended with one CSV summary per advertiser; their histories
 * replay on that branch. New runs write the day's report (XLSX, CSV, HTML; PDF is for reports that are sent).
 */
const ADVERTISER_REPORTS = 'advertiser-reports';
/** Runs from before tracker pulls joined the daily run pulled accounts only; their histories replay on that branch. */
export const TRACKER_PULLS = 'tracker-pulls';

/** The time a run is "for": the schedule's nominal time when a schedule started it, else the start time. */
function runInstant(): string {
  const info = workflowInfo();
  const scheduled = info.searchAttributes?.TemporalScheduledStartTime?.[0] as Date | string | undefined;
  return new Date(scheduled ?? info.startTime).toISOString();
}

/** Plans a run (date, accounts, ranges), tags it for the UI and starts answering `progress`. */
export async function planRun(input: DailyOpsInput, runKind: string, progress: FanOutProgress): Promise<DailyRunPlan> {
  setHandler(dailyOpsProgressQuery, () => progress, { description: 'Accounts pulled so far and rows stored' });
  const plan = await planDailyRun({ ...input, asOf: runInstant() }).catch(rethrowRoot);
  progress.date = plan.date;
  upsertSearchAttributes([
    { key: SA_ADVERTISER, value: plan.advertisers },
    { key: SA_RUN_KIND, value: runKind },
  ]);
  log.info('run planned', {
    runKind,
    date: plan.date,
    advertisers: plan.advertisers.length,
    accounts: plan.accounts.length,
  });
  return plan;
}

/**
 * The daily run: re-pull every account's restatement window (one child workflow each, bounded fan-out), then write
 * each advertiser's report for the day (src/reports). A failed account does not stop the others; the run fails at the
 * end, after the report, naming each failed account.
 */
export async function dailyOps(rawInput: DailyOpsInput = {}): Promise<DailyOpsResult> {
  const input = parseOrFail(() => parseDailyOpsInput(rawInput));
  const progress = newFanOutProgress();
  const plan = await planRun(input, 'daily', progress);
  const title = `Daily run ${plan.date}`;
  const { pulled, tracked } = await pullAccountsAndTrackers(plan, progress, title);

  progress.phase = 'reporting';
  setCurrentDetails(describe(title, progress));
  let reports: DailyOpsResult['reports'];
  if (patched(ADVERTISER_REPORTS)) {
    reports = [];
    for (const advertiserId of plan.advertisers) {
      const written = await writeAdvertiserReport({
        advertiserId,
        period: 'daily',
        date: plan.date,
        formats: ['xlsx', 'csv', 'html'],
        locale: 'ko-KR',
      });
      reports.push({ advertiserId, path: written.files[0]?.path ?? '', files: written.files.map((f) => f.path) });
    }
  } else {
    const summary = await writeDailySummary({ date: plan.date, advertiserIds: plan.advertisers });
    reports = summary.reports.map(({ advertiserId, path, rows }) => ({ advertiserId, path, rows }));
  }
  progress.phase = 'done';
  setCurrentDetails(describe(title, progress));

  const result: DailyOpsResult = {
    date: plan.date,
    accounts: plan.accounts.length,
    failed: pulled.failed,
    rows: pulled.rows,
    counts: pulled.counts,
    reports,
    ...(tracked ? { trackers: tracked } : {}),
  };
  const failure = pullsFailed(plan, pulled, tracked, result, 'reports were written with the rest');
  if (failure) throw failure;
  return result;
}

/**
 * The media accounts and, in runs that know about them, the tracker apps, pulled side by side: the trackers' own task
 * queues and quotas do not take the media's slots.
 */
export async function pullAccountsAndTrackers(
  plan: DailyRunPlan,
  progress: FanOutProgress,
  title: string,
): Promise<{ pulled: FanOutResult; tracked?: TrackerFanOutResult }> {
  if (!patched(TRACKER_PULLS)) return { pulled: await pullAccountsInParallel(plan, progress, title) };
  const [pulled, tracked] = await Promise.all([
    pullAccountsInParallel(plan, progress, title),
    pullTrackerAppsInParallel(plan, progress, title),
  ]);
  return { pulled, tracked };
}

/** The run's failure when any account or tracker app failed (after everything else was done), else undefined. */
export function pullsFailed(
  plan: DailyRunPlan,
  pulled: FanOutResult,
  tracked: TrackerFanOutResult | undefined,
  result: unknown,
  note: string,
): ApplicationFailure | undefined {
  const trackerFailures = tracked?.failed ?? [];
  if (pulled.failed.length === 0 && trackerFailures.length === 0) return undefined;
  if (trackerFailures.length === 0) return accountsFailed(pulled.failed, plan.accounts.length, result, note);
  const parts = [
    ...pulled.failed.map((f) => `${f.platform} ${f.accountId}: ${f.error}`),
    ...trackerFailures.map((f) => `${f.tracker} app ${f.appId}: ${f.error}`),
  ];
  return ApplicationFailure.nonRetryable(
    `${pulled.failed.length} of ${plan.accounts.length} account pulls and ${trackerFailures.length} of ` +
      `${tracked?.apps ?? 0} tracker app pulls failed (${note}): ${parts.join(' | ')}`,
    'PullsFailed',
    result,
  );
}

export function accountsFailed(
  failed: FanOutResult['failed'],
  total: number,
  result: unknown,
  note: string,
): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `${failed.length} of ${total} account pulls failed (${note}): ` +
      failed.map((f) => `${f.platform} ${f.accountId}: ${f.error}`).join(' | '),
    'AccountPullsFailed',
    result,
  );
}
