import { ScheduleOverlapPolicy } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScheduleConfig } from '../../src/schedules/schema';
import { schedulesFileSchema } from '../../src/schedules/schema';
import { syncSchedules } from '../../src/schedules/sync';
import { loadSchedules } from '../../src/schedules/load';
import path from 'node:path';
import { projectRoot } from '../../src/stack/paths';
import { addDays, dateInZone } from '../../src/domain/dates';
import { useTestEnv } from '../helpers/test-env';

describe('schedules sync', () => {
  const env = useTestEnv();
  const prefix = () => `${env.taskQueue}:`;
  const base: ScheduleConfig[] = schedulesFileSchema.parse({
    schedules: [
      { id: 'daily', workflow: 'dailyOps', at: '09:00', timeZone: 'Asia/Seoul', catchupWindow: '6 hours', input: {} },
      {
        id: 'meta-refresh',
        workflow: 'pullAll',
        at: '14:00',
        daysOfWeek: ['MONDAY'],
        timeZone: 'Asia/Seoul',
        catchupWindow: '1 hour',
        input: { platforms: ['meta'], windowDays: { meta: 1 } },
      },
    ],
  }).schedules;

  afterAll(async () => {
    await syncSchedules(env.client, [], { prefix: prefix() }).catch(() => undefined);
  });

  const sync = (schedules: ScheduleConfig[]) =>
    syncSchedules(env.client, schedules, { prefix: prefix(), taskQueue: env.taskQueue });

  it('the shipped config/schedules.yaml is valid', () => {
    expect(loadSchedules(path.join(projectRoot(), 'config')).schedules.length).toBeGreaterThan(0);
  });

  it('creates, leaves unchanged, updates and deletes, idempotently', async () => {
    expect(await sync(base)).toEqual({
      created: [`${prefix()}daily`, `${prefix()}meta-refresh`],
      updated: [],
      unchanged: [],
      deleted: [],
    });
    expect(await sync(base)).toEqual({
      created: [],
      updated: [],
      unchanged: [`${prefix()}daily`, `${prefix()}meta-refresh`],
      deleted: [],
    });

    const description = await env.client.schedule.getHandle(`${prefix()}daily`).describe();
    expect(description.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(description.policies.catchupWindow).toBe(6 * 3_600_000);
    expect(description.spec.timezone).toBe('Asia/Seoul');
    expect(description.action).toMatchObject({ workflowType: 'dailyOps', taskQueue: env.taskQueue });

    const moved = base.map((s) => (s.id === 'daily' ? { ...s, at: '10:30' } : s));
    expect(await sync(moved)).toEqual({
      created: [],
      updated: [`${prefix()}daily`],
      unchanged: [`${prefix()}meta-refresh`],
      deleted: [],
    });
    const calendars = (await env.client.schedule.getHandle(`${prefix()}daily`).describe()).spec.calendars;
    expect(calendars?.[0]).toMatchObject({
      hour: [{ start: 10, end: 10, step: 1 }],
      minute: [{ start: 30, end: 30, step: 1 }],
    });

    expect(await sync([moved[1]!])).toEqual({
      created: [],
      updated: [],
      unchanged: [`${prefix()}meta-refresh`],
      deleted: [`${prefix()}daily`],
    });
  });

  it('a triggered schedule runs its workflow, dated from the scheduled time', async () => {
    const handle = env.client.schedule.getHandle(`${prefix()}meta-refresh`);
    await handle.trigger();
    let runId: string | undefined;
    let workflowId: string | undefined;
    for (let i = 0; i < 100 && !workflowId; i++) {
      const recent = (await handle.describe()).info.recentActions;
      workflowId = recent[0]?.action.workflow.workflowId;
      runId = recent[0]?.action.workflow.firstExecutionRunId;
      if (!workflowId) await new Promise((r) => setTimeout(r, 200));
    }
    expect(workflowId).toMatch(/^scheduled:meta-refresh-/);
    const triggeredAt = new Date();
    const result = (await env.client.workflow.getHandle(workflowId!, runId).result()) as {
      date: string;
      accounts: Array<{ platform: string }>;
      failed: unknown[];
    };
    // A triggered action's scheduled time is the trigger time: the run reports the day before it, in Seoul.
    expect(result.date).toBe(addDays(dateInZone(triggeredAt, 'Asia/Seoul'), -1));
    expect(result.failed).toEqual([]);
    expect(result.accounts.length).toBeGreaterThan(0);
    expect(result.accounts.every((a) => a.platform === 'meta')).toBe(true);
  });

  it('a stuck run times out, so it cannot block the schedule (overlap SKIP) for ever', async () => {
    const stuck = schedulesFileSchema.parse({
      schedules: [
        {
          id: 'stuck',
          workflow: 'pullAll',
          at: '03:00',
          timeZone: 'Asia/Seoul',
          catchupWindow: '1 hour',
          input: { platforms: ['meta'], windowDays: { meta: 1 } },
        },
      ],
    }).schedules;
    // Twenty seconds per run; the sandbox answers after 120 s, so the first run is stuck in its first request. The
    // margin matters on a loaded machine: the second trigger must reach the scheduler while the first run is open.
    await syncSchedules(env.client, stuck, {
      prefix: prefix(),
      taskQueue: env.taskQueue,
      timeoutMinutes: { pullAll: 1 / 3 },
    });
    env.sandbox.state.faults = { ...env.sandbox.state.faults, latencyMs: 120_000 };
    const handle = env.client.schedule.getHandle(`${prefix()}stuck`);
    const actions = async () => (await handle.describe()).info.recentActions;
    const waitForActions = async (n: number) => {
      for (let i = 0; i < 100 && (await actions()).length < n; i++) await new Promise((r) => setTimeout(r, 200));
      return actions();
    };
    // A manual trigger defaults to ALLOW_ALL; pass the schedule's own policy so it acts as a scheduled time would.
    const overlap = (await handle.describe()).policies.overlap;
    expect(overlap).toBe(ScheduleOverlapPolicy.SKIP);
    try {
      await handle.trigger(overlap);
      const [first] = await waitForActions(1);
      await handle.trigger(overlap); // skipped: the first run is still open
      let skipped = 0;
      for (let i = 0; i < 100 && skipped === 0; i++) {
        skipped = (await handle.describe()).info.numActionsSkippedOverlap;
        if (skipped === 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(skipped).toBe(1);
      expect(await actions()).toHaveLength(1);

      const firstRun = env.client.workflow.getHandle(
        first!.action.workflow.workflowId,
        first!.action.workflow.firstExecutionRunId,
      );
      await expect(firstRun.result()).rejects.toThrow();
      expect((await firstRun.describe()).status.name).toBe('TIMED_OUT');

      // The schedule is free again once its scheduler has seen the run close, which can lag the close by a moment.
      for (let i = 0; i < 50 && (await actions()).length < 2; i++) {
        await handle.trigger(overlap);
        await new Promise((r) => setTimeout(r, 400));
      }
      expect(await actions()).toHaveLength(2);
    } finally {
      env.sandbox.state.faults = { ...env.sandbox.state.faults, latencyMs: 0 };
      for (const action of await actions()) {
        await env.client.workflow
          .getHandle(action.action.workflow.workflowId)
          .terminate('test over')
          .catch(() => undefined);
      }
    }
  });
});
