import { isDeepStrictEqual } from 'node:util';
import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { PullTrackerAppResult } from '../../src/activities/tracker-pull';
import { addDays, dateInZone, type IsoDate } from '../../src/domain/dates';
import type { Tracker } from '../../src/domain/trackers';
import { SANDBOX_TRACKERS } from '../../src/sandbox/registry';
import { MongoTrackerQuota } from '../../src/storage/tracker-quota';
import { findTrackerApp } from '../../src/storage/tracker-store';
import { useTestEnv } from '../helpers/test-env';
import { byKey, trackersConfig } from '../helpers/trackers';

/**
 * pullTrackerApp on the real stack (Temporal, FerretDB, the tracker task queues) against the in-process sandbox: the
 * stored tracker_daily rows equal the sandbox's ground truth; two days later (the sandbox clock moved on, cohorts
 * grew) a re-pull of the same range updates exactly the rows whose figures changed; no quota was exceeded.
 */
const env = useTestEnv({
  trackers: trackersConfig('airbridge', { pollFirstSeconds: 0.1, pollMaxSeconds: 0.4, taskTimeoutSeconds: 20 }),
});

interface Case {
  tracker: Tracker;
  app: string;
  appId: string;
  zone: string;
  query: Record<string, string>;
  /** Days back to the range's last day: AppsFlyer's install-date cohorts grow for about 30 days in the sandbox, so
   * its range straddles that edge to hold both growing and settled rows. */
  back: number;
}
const CASES: Case[] = [
  {
    tracker: 'appsflyer',
    app: 'hanbit-beauty-aos',
    appId: 'com.hanbit.beauty',
    zone: 'Asia/Seoul',
    query: {},
    back: 25,
  },
  {
    tracker: 'adjust',
    app: 'dalbit-eats',
    appId: 'd4lb1te4ts00',
    zone: 'Asia/Seoul',
    query: { attribution_types: 'click,impression' },
    back: 1,
  },
  { tracker: 'airbridge', app: 'dalbit-global', appId: 'dalbitglobal', zone: 'America/New_York', query: {}, back: 1 },
];

let runs = 0;
function pull(input: { tracker: Tracker; appId: string; from: IsoDate; to: IsoDate }): Promise<PullTrackerAppResult> {
  runs += 1;
  return env.client.workflow.execute('pullTrackerApp', {
    args: [input],
    taskQueue: env.taskQueue,
    workflowId: `tracker-pull-${input.tracker}-${runs}-${Date.now()}`,
  });
}

async function setClock(offsetDays: number): Promise<void> {
  const res = await fetch(`${env.sandbox.url}/_sandbox/clock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ offsetDays }),
  });
  expect(res.ok).toBe(true);
}

async function sandboxQuotas(): Promise<Record<string, { limit: number; used: number; refused: number }>> {
  const res = await fetch(`${env.sandbox.url}/_sandbox/quotas`);
  return ((await res.json()) as { quotas: Record<string, { limit: number; used: number; refused: number }> }).quotas;
}

for (const c of CASES) {
  describe(`pullTrackerApp: ${c.tracker}`, () => {
    const truth = (from: IsoDate, to: IsoDate) =>
      byKey(SANDBOX_TRACKERS[c.tracker]!.truth(env.world, c.appId, from, to, env.sandbox.state.now(), c.query));

    it('stores the ground truth, then updates exactly the rows that grew two days later', async () => {
      await setClock(0);
      try {
        const today = dateInZone(env.sandbox.state.now(), c.zone);
        const range = { from: addDays(today, -c.back - 9), to: addDays(today, -c.back) };
        const before = truth(range.from, range.to);
        const first = await pull({ tracker: c.tracker, appId: c.app, ...range });
        expect(first.counts).toEqual({ inserted: before.size, updated: 0, unchanged: 0 });
        expect(first.rows).toBe(before.size);
        expect(byKey(await findTrackerApp(env.database.db, { tracker: c.tracker, app: c.app }))).toEqual(before);

        await setClock(2);
        const after = truth(range.from, range.to);
        const changed = [...after].filter(([k, v]) => before.has(k) && !isDeepStrictEqual(before.get(k), v));
        const added = [...after.keys()].filter((k) => !before.has(k));
        // Both kinds must be there, or the counts below could not tell an update from a skip.
        expect(changed.length).toBeGreaterThan(0);
        expect(after.size - added.length - changed.length).toBeGreaterThan(0);
        const second = await pull({ tracker: c.tracker, appId: c.app, ...range });
        expect(second.counts).toEqual({
          inserted: added.length,
          updated: changed.length,
          unchanged: after.size - added.length - changed.length,
        });
        const stored = await findTrackerApp(env.database.db, { tracker: c.tracker, app: c.app });
        expect(byKey(stored)).toEqual(after);
        const changedKeys = new Set(changed.map(([k]) => k));
        const revisions = new Map([...byKey(stored).keys()].map((k, i) => [k, stored[i]!.revision]));
        for (const [key, revision] of revisions) expect([key, revision]).toEqual([key, changedKeys.has(key) ? 2 : 1]);

        for (const [key, q] of Object.entries(await sandboxQuotas())) {
          expect([key, q.refused]).toEqual([key, 0]);
          expect(q.used).toBeLessThanOrEqual(q.limit);
        }
      } finally {
        await setClock(0);
      }
    });
  });
}

describe('pullTrackerApp: quota and input', () => {
  it('counts each AppsFlyer call in tracker_quota as the sandbox counted it', async () => {
    const quotas = await sandboxQuotas();
    const sandboxUsed = Object.entries(quotas)
      .filter(([key]) => key.startsWith('appsflyer:') && key.endsWith(':app:com.hanbit.beauty'))
      .reduce((sum, [, q]) => sum + q.used, 0);
    // Two pulls of a 10-day range, each one user-acquisition and one retargeting report: 4 calls.
    expect(sandboxUsed).toBe(4);
    const durable = new MongoTrackerQuota(env.database.db);
    expect(await durable.count('appsflyer:app:com.hanbit.beauty', new Date())).toBe(4);
    expect(await durable.count('appsflyer:account:hanbit', new Date())).toBe(4);
  });

  it('fails bad input at once, naming the field, and an unknown app by name', async () => {
    const root = async (input: unknown) => {
      const error = await env.client.workflow
        .execute('pullTrackerApp', { args: [input], taskQueue: env.taskQueue, workflowId: `tracker-bad-${Date.now()}` })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      let cause = (error as WorkflowFailedError).cause as { cause?: unknown; message: string };
      while (cause.cause) cause = cause.cause as typeof cause;
      return cause.message;
    };
    expect(await root({ tracker: 'branch', appId: 'x', from: '2026-11-01', to: '2026-11-02' })).toContain(
      'tracker: expected one of appsflyer, adjust, airbridge, got "branch"',
    );
    expect(await root({ tracker: 'adjust', appId: 'no-such-app', from: '2026-11-01', to: '2026-11-02' })).toContain(
      'appId: no app "no-such-app" in config/trackers.yaml',
    );
  });
});
