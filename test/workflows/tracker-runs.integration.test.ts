import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { TrackersFile } from '../../src/config/trackers-schema';
import { addDays, dateInZone, type IsoDate } from '../../src/domain/dates';
import type { Tracker } from '../../src/domain/trackers';
import { NO_FAULTS, type FaultSettings } from '../../src/sandbox/faults';
import { SANDBOX_TRACKERS } from '../../src/sandbox/registry';
import { trackerPullWorkflowId } from '../../src/domain/workflow-ids';
import { COLLECTIONS } from '../../src/storage/mongo';
import { findTrackerApp } from '../../src/storage/tracker-store';
import type { BackfillTrackerResult } from '../../src/workflows/backfill-tracker-app';
import type { DailyOpsResult } from '../../src/workflows/daily-ops';
import type { FanOutProgress } from '../../src/workflows/messages';
import { captureHistory } from '../helpers/histories';
import { useTestEnv } from '../helpers/test-env';
import { byKey, trackersConfig } from '../helpers/trackers';

/**
 * Tracker pulls inside the runs an AE starts, on the real stack: dailyOps pulls every tracker app's restatement window
 * beside the accounts and stores exactly the sandbox's truth, under faults too; `platforms` alone leaves trackers out;
 * a spent daily quota fails its app at once by name instead of holding the run until 00:00 UTC, without a call over
 * the tracker's limit; backfillTrackerApp covers a long range in chunks across continue-as-new.
 */
const FAST_TRACKERS: TrackersFile = (() => {
  const base = trackersConfig('airbridge', { pollFirstSeconds: 0.1, pollMaxSeconds: 0.4, taskTimeoutSeconds: 20 });
  // A timeout fault holds a request 1.5 s; the connectors give up at 1 s and retry.
  for (const t of ['appsflyer', 'adjust', 'airbridge'] as const) {
    base.trackers[t] = { ...base.trackers[t], requestTimeoutSeconds: 1, minRateLimitBackoffSeconds: 0.05 } as never;
  }
  return base;
})();
const env = useTestEnv({ trackers: FAST_TRACKERS });

/** The sandbox's query per app, as config/trackers.yaml makes the connector ask (Adjust: its attribution types). */
const APPS: Array<{ app: string; tracker: Tracker; appId: string; zone: string; query: Record<string, string> }> = [
  { app: 'hanbit-beauty-aos', tracker: 'appsflyer', appId: 'com.hanbit.beauty', zone: 'Asia/Seoul', query: {} },
  { app: 'hanbit-beauty-ios', tracker: 'appsflyer', appId: 'id1500000001', zone: 'Asia/Seoul', query: {} },
  {
    app: 'dalbit-eats',
    tracker: 'adjust',
    appId: 'd4lb1te4ts00',
    zone: 'Asia/Seoul',
    query: { attribution_types: 'click,impression' },
  },
  { app: 'dalbit-global', tracker: 'airbridge', appId: 'dalbitglobal', zone: 'America/New_York', query: {} },
];
/** config/trackers.yaml's restatementWindowDays, written out so a changed window shows here. */
const WINDOW_DAYS: Record<Tracker, number> = { appsflyer: 30, adjust: 7, airbridge: 7 };

async function putFaults(patch: Partial<FaultSettings>): Promise<void> {
  const res = await fetch(`${env.sandbox.url}/_sandbox/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  expect(res.ok).toBe(true);
}

async function sandboxQuotas(): Promise<Record<string, { limit: number; used: number; refused: number }>> {
  const res = await fetch(`${env.sandbox.url}/_sandbox/quotas`);
  return ((await res.json()) as { quotas: Record<string, { limit: number; used: number; refused: number }> }).quotas;
}

let runs = 0;
let lastDailyId = '';
function runDaily(input: Record<string, unknown>): Promise<DailyOpsResult> {
  runs += 1;
  lastDailyId = `tracker-daily-${runs}-${Date.now()}`;
  return env.client.workflow.execute('dailyOps', { args: [input], taskQueue: env.taskQueue, workflowId: lastDailyId });
}

/** Every stored row of the app equals the sandbox's truth over [from, to] (nothing else stored). */
async function expectAppMatchesTruth(a: (typeof APPS)[number], from: IsoDate, to: IsoDate): Promise<number> {
  const truth = byKey(
    SANDBOX_TRACKERS[a.tracker]!.truth(env.world, a.appId, from, to, env.sandbox.state.now(), a.query),
  );
  const stored = byKey(await findTrackerApp(env.database.db, { tracker: a.tracker, app: a.app }));
  expect(stored.size).toBeGreaterThan(0);
  expect(stored).toEqual(truth);
  return truth.size;
}

describe('tracker pulls in dailyOps, pullAll and backfillTrackerApp', () => {
  it('a daily run pulls every tracker app over its window beside the accounts, exactly, under faults', async () => {
    // Server errors, dropped connections and failed Airbridge tasks, all retried to the same rows. No rate limits:
    // AppsFlyer's only one is its 403 "Limit reached", a spent quota that the next test covers.
    // Rates high enough that the dozen-odd tracker requests meet faults whatever the interleaving (0.6^12 < 0.3%).
    await putFaults({ seed: 5, serverErrorRate: 0.3, timeoutRate: 0.1, timeoutMs: 1500, taskFailureRate: 0.3 });
    const date = addDays(dateInZone(new Date(), 'Asia/Seoul'), -1);
    let result: DailyOpsResult;
    try {
      result = await runDaily({ date, platforms: ['kakao'], trackers: ['appsflyer', 'adjust', 'airbridge'] });
    } finally {
      await putFaults(NO_FAULTS);
    }
    expect(result.failed).toEqual([]);
    expect(result.trackers?.failed).toEqual([]);
    expect(result.trackers?.apps).toBe(4);
    let rows = 0;
    for (const a of APPS) {
      // Each app's window ends at the run's date, or at the app's own today when its zone is behind.
      const to = date < dateInZone(new Date(), a.zone) ? date : dateInZone(new Date(), a.zone);
      rows += await expectAppMatchesTruth(a, addDays(to, -(WINDOW_DAYS[a.tracker] - 1)), to);
    }
    expect(result.trackers?.rows).toBe(rows);
    expect(result.trackers?.counts).toEqual({ inserted: rows, updated: 0, unchanged: 0 });
    // The media's own counts stay the media's: only kakao's two accounts were pulled.
    expect(result.accounts).toBe(2);
    const media = await env.database.db.collection(COLLECTIONS.metricsDaily).countDocuments({});
    expect(result.counts.inserted).toBe(media);
    // The faults were really met on the tracker routes (else this test proves nothing about retries).
    const trackerFaults = [...env.sandbox.state.counters].filter(
      ([key]) => /^(appsflyer|adjust|airbridge):/.test(key) && !key.endsWith(':ok'),
    );
    expect(trackerFaults.reduce((n, [, count]) => n + count, 0)).toBeGreaterThan(0);
    // The run with tracker children, and one of them, for the replay test (ADOPS_CAPTURE_HISTORIES=1 records them).
    await captureHistory(env.client, lastDailyId, 'dailyOps-trackers');
    const appsflyerChild = trackerPullWorkflowId(
      'appsflyer',
      'hanbit-beauty-aos',
      addDays(date, -29),
      date,
      lastDailyId,
    );
    await captureHistory(env.client, appsflyerChild, 'pullTrackerApp-daily-child');
  });

  it('platforms without trackers pulls no tracker app; trackers picks which', async () => {
    const date = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
    const mediaOnly = await runDaily({ date, platforms: ['kakao'] });
    expect(mediaOnly.trackers).toEqual({
      apps: 0,
      rows: 0,
      counts: { inserted: 0, updated: 0, unchanged: 0 },
      failed: [],
    });
    const handle = await env.client.workflow.start('pullAll', {
      args: [{ date, platforms: ['kakao'], trackers: ['adjust'], advertisers: ['dalbit-foods'] }],
      taskQueue: env.taskQueue,
      workflowId: `tracker-pull-all-${Date.now()}`,
    });
    const result = (await handle.result()) as DailyOpsResult;
    expect(result.trackers?.apps).toBe(1);
    const progress = await handle.query<FanOutProgress>('progress');
    expect(progress.trackers).toMatchObject({ appsTotal: 1, appsDone: 1, appsFailed: 0 });
  });

  it('a spent daily quota fails its apps at once, by name, with no call over the limit, and the rest is pulled', async () => {
    const spent: TrackersFile = {
      ...FAST_TRACKERS,
      trackers: {
        ...FAST_TRACKERS.trackers,
        appsflyer: { ...FAST_TRACKERS.trackers.appsflyer!, dailyQuotaPerApp: 1 },
      },
    };
    writeFileSync(path.join(env.configDir, 'trackers.yaml'), stringify(spent));
    try {
      const date = addDays(dateInZone(new Date(), 'Asia/Seoul'), -3);
      // Spends each AppsFlyer app's one long-range call of today (UTC), if the first test's run has not already.
      await runDaily({ date, platforms: ['kakao'], trackers: ['appsflyer'] }).catch(() => undefined);
      const started = Date.now();
      const err = await runDaily({ date, platforms: ['kakao'], trackers: ['appsflyer', 'adjust'] }).catch((e) => e);
      expect(Date.now() - started).toBeLessThan(120_000);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      const message = String((err as WorkflowFailedError).cause?.message);
      expect(message).toContain('0 of 2 account pulls and 2 of 3 tracker app pulls failed');
      // Failed by the run's own choice (waitForQuota: false), not by a retry that would outlive the child's timeout.
      expect(message).toMatch(
        /appsflyer app hanbit-beauty-aos: .*daily quota .* is spent; it resets at 00:00 UTC .*Nothing was called; the next daily run pulls these days again/,
      );
      expect(message).toMatch(/appsflyer app hanbit-beauty-ios: /);
      expect(message).not.toMatch(/adjust app dalbit-eats/);
      for (const [key, q] of Object.entries(await sandboxQuotas())) {
        expect([key, q.refused]).toEqual([key, 0]);
        expect(q.used).toBeLessThanOrEqual(q.limit);
      }
    } finally {
      writeFileSync(path.join(env.configDir, 'trackers.yaml'), stringify(FAST_TRACKERS));
    }
  });

  it('the tracker\'s own 403 "Limit reached" (a quota shared with another tool) fails its apps at once too', async () => {
    // Another tool on the same AppsFlyer account spent today's calls of both apps: the sandbox's count is full.
    const day = new Date().toISOString().slice(0, 10);
    for (const appId of ['com.hanbit.beauty', 'id1500000001']) {
      const limit = 24; // config/sandbox.yaml dailyQuotaPerApp
      env.sandbox.state.quotas.set(`appsflyer:${day}:app:${appId}`, { limit, used: limit, refused: 0 });
    }
    const date = addDays(dateInZone(new Date(), 'Asia/Seoul'), -4);
    const err = await runDaily({ date, platforms: ['kakao'], trackers: ['appsflyer'] }).catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const message = String((err as WorkflowFailedError).cause?.message);
    expect(message).toContain('0 of 2 account pulls and 2 of 2 tracker app pulls failed');
    expect(message).toMatch(
      /appsflyer app hanbit-beauty-aos: the tracker answered that its quota is spent \(Limit reached for partners_by_date_report \(HTTP 403\)\); it resets in \d+ min/,
    );
  });

  it('backfillTrackerApp pulls a long range in chunks across continue-as-new, exactly', async () => {
    const a = APPS[2]!;
    const to = addDays(dateInZone(new Date(), a.zone), -1);
    const from = addDays(to, -89);
    const workflowId = `tracker-backfill-${Date.now()}`;
    const result: BackfillTrackerResult = await env.client.workflow.execute('backfillTrackerApp', {
      args: [{ tracker: a.tracker, appId: a.app, from, to, chunkDays: 30, chunksPerRun: 2 }],
      taskQueue: env.taskQueue,
      workflowId,
    });
    await captureHistory(env.client, workflowId, 'backfillTrackerApp-continued');
    expect(result).toMatchObject({ chunks: 3, runs: 2 });
    const rows = await expectAppMatchesTruth(a, from, to);
    expect(result.rows).toBe(rows);
  });

  it('a backfill of an app config does not have fails before any pull, naming the field', async () => {
    const err = await env.client.workflow
      .execute('backfillTrackerApp', {
        args: [{ tracker: 'adjust', appId: 'no-such-app', from: '2026-01-01', to: '2026-01-31' }],
        taskQueue: env.taskQueue,
        workflowId: `tracker-backfill-bad-${Date.now()}`,
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toContain(
      'appId: no app "no-such-app" in config/trackers.yaml; add it there first.',
    );
  });
});
