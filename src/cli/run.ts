import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { SingleBar, Presets } from 'cli-progress';
import { runTimeoutMs } from '../config/accounts';
import { loadConfig } from '../config/load';
import { isWorkflowType } from '../domain/workflow-types';
import { addDays, dateInZone } from '../domain/dates';
import { MAIN_TASK_QUEUE } from '../domain/platforms';
import {
  backfillTrackerWorkflowId,
  backfillWorkflowId,
  dailyWorkflowId,
  pullAllWorkflowId,
  pullWorkflowId,
  rebalanceWorkflowId,
  trackerPullWorkflowId,
} from '../domain/workflow-ids';
import {
  parseBackfillInput,
  parseBackfillTrackerInput,
  parseDailyOpsInput,
  parsePullTrackerAppInput,
  parsePullAccountInput,
  parseGenerateReportInput,
  parseRebalanceInput,
} from '../domain/workflow-input';
import type { BackfillProgress, DailyOpsProgress, PullProgress } from '../workflows/messages';

export const AE_WORKFLOWS = [
  'dailyOps',
  'pullAll',
  'pullAccount',
  'backfill',
  'pullTrackerApp',
  'backfillTrackerApp',
  'rebalanceBudgets',
  'generateReport',
] as const;

/** The deterministic ID a run gets, so starting it twice joins the first (conflict policy USE_EXISTING). */
export function workflowIdFor(type: string, input: Record<string, unknown>): string {
  if (type === 'dailyOps' || type === 'pullAll') {
    const parsed = parseDailyOpsInput(input, type);
    const date = parsed.date ?? addDays(dateInZone(new Date(), loadConfig().accounts.timeZone), -1);
    return type === 'dailyOps'
      ? dailyWorkflowId(date, parsed.advertisers)
      : pullAllWorkflowId(date, parsed.platforms, parsed.advertisers);
  }
  if (type === 'backfill') {
    const parsed = parseBackfillInput(input);
    return backfillWorkflowId(parsed.platform, parsed.accountId, parsed.from, parsed.to);
  }
  if (type === 'backfillTrackerApp') {
    const parsed = parseBackfillTrackerInput(input);
    return backfillTrackerWorkflowId(parsed.tracker, parsed.appId, parsed.from, parsed.to);
  }
  if (type === 'pullTrackerApp') {
    const parsed = parsePullTrackerAppInput(input);
    return trackerPullWorkflowId(parsed.tracker, parsed.appId, parsed.from, parsed.to);
  }
  if (type === 'pullAccount') {
    const parsed = parsePullAccountInput(input);
    return pullWorkflowId(parsed.platform, parsed.accountId, parsed.from, parsed.to);
  }
  if (type === 'rebalanceBudgets') {
    const parsed = parseRebalanceInput(input);
    const date = parsed.date ?? dateInZone(new Date(), loadConfig().accounts.timeZone);
    return rebalanceWorkflowId(parsed.advertiserId, date, parsed.ruleId, parsed.dryRun);
  }
  if (type === 'generateReport') {
    const parsed = parseGenerateReportInput(input);
    const day = parsed.date ?? dateInZone(new Date(), loadConfig().accounts.timeZone);
    return `report:${parsed.advertiserId}:${parsed.period}:${day}${parsed.locale ? `:${parsed.locale}` : ''}`;
  }
  throw new Error(`unknown workflow type "${type}"; AEs can start: ${AE_WORKFLOWS.join(', ')}`);
}

export function parseInputJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`--input is not valid JSON (${(err as Error).message}). Example: --input '{"date":"2026-11-21"}'`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('--input must be one JSON object');
  return value as Record<string, unknown>;
}

/** Starts (or joins) a workflow and waits for its result, showing progress from its query. */
export async function startAndWatch(
  client: Client,
  type: string,
  input: Record<string, unknown>,
  options: { workflowId?: string; taskQueue?: string; quiet?: boolean } = {},
): Promise<{ handle: WorkflowHandle; result: unknown }> {
  const workflowId = options.workflowId ?? workflowIdFor(type, input);
  const handle = await client.workflow.start(type, {
    taskQueue: options.taskQueue ?? MAIN_TASK_QUEUE,
    workflowId,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    // Bounded by config (runs.timeoutMinutes): a stuck run ends instead of holding its ID for ever.
    ...(isWorkflowType(type) ? { workflowExecutionTimeout: runTimeoutMs(loadConfig().platforms.runs, type) } : {}),
  });
  if (!options.quiet) console.log(`started ${type} as ${workflowId} (run ${handle.firstExecutionRunId})`);
  // Without a TTY (CI, log files) cli-progress prints a plain line every few seconds instead of redrawing.
  const bar = options.quiet
    ? null
    : new SingleBar(
        {
          format: ' {bar} {value}/{total} | {rows} rows | {phase}',
          hideCursor: true,
          noTTYOutput: true,
          notTTYSchedule: 3000,
        },
        Presets.shades_classic,
      );
  let started = false;
  const poll = setInterval(() => {
    void (async () => {
      try {
        if ((type === 'backfill' || type === 'backfillTrackerApp') && bar) {
          const p = await handle.query<BackfillProgress>('backfillProgress');
          if (!started) {
            bar.start(p.chunksTotal, 0, { rows: 0, phase: `run ${p.run}` });
            started = true;
          }
          bar.update(p.chunksDone, { rows: p.rows, phase: `run ${p.run}` });
        } else if (type === 'dailyOps' || type === 'pullAll') {
          const p = await handle.query<DailyOpsProgress>('progress');
          if (!bar) return;
          // Tracker apps count as steps beside the accounts; their rows are added to the media's on the bar.
          const t = p.trackers;
          const total = p.accountsTotal + (t?.appsTotal ?? 0);
          if (!started && total > 0) {
            bar.start(total, 0, { rows: 0, phase: p.phase });
            started = true;
          }
          const done = p.accountsDone + p.accountsFailed + (t ? t.appsDone + t.appsFailed : 0);
          if (started) bar.update(done, { rows: p.rows + (t?.rows ?? 0), phase: p.phase });
        } else if (type === 'pullAccount' && bar) {
          const p = await handle.query<PullProgress>('pullProgress');
          if (!started) {
            bar.start(1, 0, { rows: 0, phase: p.phase });
            started = true;
          }
          bar.update(p.phase === 'done' ? 1 : 0, { rows: p.rows, phase: p.phase });
        }
      } catch {
        /* no worker yet, or the run just closed: keep waiting */
      }
    })();
  }, 500);
  try {
    const result = await handle.result();
    return { handle, result };
  } finally {
    clearInterval(poll);
    if (started) bar?.stop();
  }
}
