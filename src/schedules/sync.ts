import { createHash } from 'node:crypto';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { MAIN_TASK_QUEUE } from '../domain/platforms';
import { DEFAULT_RUN_TIMEOUT_MINUTES, type WorkflowType } from '../domain/workflow-types';
import type { ScheduleConfig } from './schema';

/** Temporal schedule ids this project manages start with this; anything else in the namespace is never touched. */
export const SCHEDULE_PREFIX = 'adops:';

export interface SyncReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  deleted: string[];
}

/** Stable hash of everything that defines a schedule, kept in its memo so an unchanged entry is left alone. */
export function fingerprint(schedule: ScheduleConfig, taskQueue: string, timeoutMs: number): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...schedule, taskQueue, timeoutMs }))
    .digest('hex')
    .slice(0, 16);
}

function toOptions(
  schedule: ScheduleConfig,
  scheduleId: string,
  taskQueue: string,
  timeoutMs: number,
): ScheduleOptions {
  const [hour, minute] = schedule.at.split(':').map(Number) as [number, number];
  return {
    scheduleId,
    spec: {
      calendars: [
        { hour, minute, ...(schedule.daysOfWeek ? { dayOfWeek: schedule.daysOfWeek } : {}), comment: schedule.note },
      ],
      timezone: schedule.timeZone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: schedule.workflow,
      args: [schedule.input],
      taskQueue,
      // The server appends the scheduled time, so every run has its own id: scheduled:daily-ops-2026-11-22T00:00:00Z.
      workflowId: `scheduled:${schedule.id}`,
      // A stuck run ends here, so the next scheduled run (skipped while one is open) is not blocked for ever.
      workflowExecutionTimeout: timeoutMs,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: schedule.catchupWindow, pauseOnFailure: false },
    state: { paused: schedule.paused, note: schedule.note },
    memo: { managedBy: 'adops', fingerprint: fingerprint(schedule, taskQueue, timeoutMs) },
  };
}

/**
 * Makes the namespace's adops-managed schedules match config: creates missing ones, updates changed ones (by memo
 * fingerprint), deletes ones no longer in config. Idempotent: a second run reports everything unchanged.
 */
export async function syncSchedules(
  client: Client,
  schedules: ScheduleConfig[],
  options: {
    prefix?: string;
    taskQueue?: string;
    dryRun?: boolean;
    timeoutMinutes?: Partial<Record<WorkflowType, number>>;
  } = {},
): Promise<SyncReport> {
  const prefix = options.prefix ?? SCHEDULE_PREFIX;
  const taskQueue = options.taskQueue ?? MAIN_TASK_QUEUE;
  const report: SyncReport = { created: [], updated: [], unchanged: [], deleted: [] };
  const wanted = new Map(schedules.map((s) => [`${prefix}${s.id}`, s]));

  for (const [scheduleId, schedule] of wanted) {
    const minutes = options.timeoutMinutes?.[schedule.workflow] ?? DEFAULT_RUN_TIMEOUT_MINUTES[schedule.workflow];
    const desired = toOptions(schedule, scheduleId, taskQueue, minutes * 60_000);
    const handle = client.schedule.getHandle(scheduleId);
    let current;
    try {
      current = await handle.describe();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
    if (!current) {
      if (!options.dryRun) await client.schedule.create(desired);
      report.created.push(scheduleId);
    } else if ((current.memo as { fingerprint?: string } | undefined)?.fingerprint === desired.memo?.fingerprint) {
      report.unchanged.push(scheduleId);
    } else {
      if (!options.dryRun) {
        // A schedule update cannot change its memo (where the fingerprint lives), so a changed entry is replaced.
        // Config is the source of truth for the whole schedule, paused state included.
        await handle.delete();
        await client.schedule.create(desired);
      }
      report.updated.push(scheduleId);
    }
  }
  for await (const summary of client.schedule.list()) {
    if (summary.scheduleId.startsWith(prefix) && !wanted.has(summary.scheduleId)) {
      if (!options.dryRun) await client.schedule.getHandle(summary.scheduleId).delete();
      report.deleted.push(summary.scheduleId);
    }
  }
  return report;
}
