import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from 'mongodb';
import { AbortError } from 'p-retry';
import type { EngineConfig } from '../config/load';
import { loadTrackersConfig } from '../config/trackers';
import type { TrackerAppConfig, TrackersFile } from '../config/trackers-schema';
import { ResponseFormatError } from '../connectors/errors';
import { FAILURE_TYPES, toApplicationFailure } from '../connectors/failures';
import { ApiCallError } from '../connectors/http-client';
import { pacerFor } from '../connectors/rate-limiter';
import {
  TRACKER_FAILURE_TYPES,
  trackerApplicationFailure,
  TrackerQuotaExhausted,
  TrackerTaskFailed,
  type TrackerQuota,
} from '../connectors/tracker';
import { createTrackerConnector } from '../connectors/tracker-registry';
import { dateInZone, type IsoDate } from '../domain/dates';
import type { UpsertCounts } from '../domain/metrics';
import type { Tracker } from '../domain/trackers';
import type { PullTrackerAppInput } from '../domain/workflow-input';
import { MongoTrackerQuota } from '../storage/tracker-quota';
import { saveTrackerRawPull, upsertTrackerRows } from '../storage/tracker-store';
import { INVALID_INPUT } from './run-bounds';

/** Counts and references only: the rows stay in MongoDB, out of workflow history. */
export interface PullTrackerAppResult {
  tracker: Tracker;
  /** The app's key in config/trackers.yaml, and who owns it there (never from the input). */
  app: string;
  advertiserId: string;
  from: IsoDate;
  to: IsoDate;
  exchanges: number;
  rows: number;
  counts: UpsertCounts;
}

export interface TrackerDeps {
  db: Db;
  loadConfig: () => EngineConfig;
  /** config/trackers.yaml; by default read from the engine config's directory on every call, like the rest. */
  loadTrackers?: () => TrackersFile;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** The durable quota in `tracker_quota` unless a test gives another. */
  quota?: TrackerQuota;
}

const IN_FLIGHT_HEARTBEAT_MS = 5_000;
/** A rate limit asking for a longer wait than this is a spent daily quota, not a burst to sit out. */
const QUOTA_WAIT_MS = 15 * 60_000;

export function createTrackerActivities(deps: TrackerDeps) {
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());
  const quota = deps.quota ?? new MongoTrackerQuota(deps.db);
  const loadTrackers =
    deps.loadTrackers ??
    (() => {
      const config = deps.loadConfig();
      return loadTrackersConfig(config.dir, config.accounts);
    });

  return {
    /**
     * Pulls one app's tracker report for [from, to] (the app's days) and upserts it into tracker_daily. A tracker
     * report is small, so it is one step: a retry re-pulls it, and the upsert makes that harmless.
     */
    async pullTrackerApp(input: PullTrackerAppInput): Promise<PullTrackerAppResult> {
      const ctx = Context.current();
      const trackers = loadTrackers();
      const app = findApp(trackers, input);
      const today = dateInZone(now(), app.timeZone);
      if (input.to > today) {
        throw ApplicationFailure.nonRetryable(
          `to: ${input.to} is after today in app ${app.id}'s time zone (${app.timeZone}: ${today}); pick a past date.`,
          INVALID_INPUT,
        );
      }
      const settings = trackers.trackers[input.tracker];
      if (!settings) {
        throw ApplicationFailure.nonRetryable(
          `config/trackers.yaml has no settings for ${input.tracker}`,
          FAILURE_TYPES.config,
        );
      }
      const minBackoffMs = settings.minRateLimitBackoffSeconds * 1000;
      const { workflowId, runId } = ctx.info.workflowExecution ?? {
        workflowId: 'standalone',
        runId: ctx.info.activityId,
      };
      const connector = createTrackerConnector({
        tracker: input.tracker,
        config: trackers,
        env,
        now,
        quota,
        policy: {
          pacer: pacerFor(`tracker:${input.tracker}`, settings.requestsPerSecond),
          timeoutMs: settings.requestTimeoutSeconds * 1000,
          signal: ctx.cancellationSignal,
          attempts: 5,
          maxInAttemptWaitMs: 30_000,
          minBackoffMs,
          onWait: () => ctx.heartbeat(),
        },
      });
      ctx.log.info('tracker pull starting', { ...input, app: app.id });
      const ticker = setInterval(() => ctx.heartbeat(), IN_FLIGHT_HEARTBEAT_MS);
      try {
        const pulled = await connector.pull(app, { from: input.from, to: input.to });
        const rawId = (i: number) =>
          `${workflowId}|${runId}|${input.tracker}|${app.id}|${input.from}..${input.to}|${i}`;
        for (const [i, exchange] of pulled.exchanges.entries()) {
          await saveTrackerRawPull(deps.db, {
            _id: rawId(i),
            tracker: input.tracker,
            app: app.id,
            kind: 'tracker',
            page: i,
            request: exchange.request,
            status: exchange.status,
            body: exchange.body,
            pulledAt: new Date(),
            workflowId,
            runId,
          });
        }
        const counts = await upsertTrackerRows(
          deps.db,
          pulled.rows,
          rawId(Math.max(pulled.exchanges.length - 1, 0)),
          () => ctx.heartbeat(),
        );
        const result: PullTrackerAppResult = {
          tracker: input.tracker,
          app: app.id,
          advertiserId: app.advertiser,
          from: input.from,
          to: input.to,
          exchanges: pulled.exchanges.length,
          rows: pulled.rows.length,
          counts,
        };
        ctx.log.info('tracker pull finished', { ...counts, app: app.id, rows: result.rows });
        return result;
      } catch (err) {
        throw translateError(err, input.tracker, app.id, minBackoffMs, input.waitForQuota ?? true);
      } finally {
        clearInterval(ticker);
      }
    },
  };
}

/** By the config key first, then by the tracker's own app id (what an engineer may copy from the tracker's UI). */
function findApp(config: TrackersFile, input: PullTrackerAppInput): TrackerAppConfig {
  const app =
    config.apps.find((a) => a.id === input.appId) ??
    config.apps.find((a) => a.tracker === input.tracker && a.appId === input.appId);
  if (!app) {
    throw ApplicationFailure.nonRetryable(
      `appId: no app "${input.appId}" in config/trackers.yaml (known: ${config.apps.map((a) => a.id).join(', ')}).`,
      INVALID_INPUT,
    );
  }
  if (app.tracker !== input.tracker) {
    throw ApplicationFailure.nonRetryable(
      `tracker: app ${app.id} is measured by ${app.tracker} in config/trackers.yaml, not ${input.tracker}.`,
      INVALID_INPUT,
    );
  }
  return app;
}

function translateError(
  err: unknown,
  tracker: Tracker,
  app: string,
  minBackoffMs: number,
  waitForQuota: boolean,
): unknown {
  const inner =
    err instanceof AbortError ? ((err as AbortError & { originalError?: unknown }).originalError ?? err) : err;
  if (inner instanceof TrackerQuotaExhausted && !waitForQuota) {
    return ApplicationFailure.nonRetryable(
      `${tracker} app ${app}: ${inner.message}. Nothing was called; the next daily run pulls these days again, or ` +
        `start pullTrackerApp for this range after the reset.`,
      TRACKER_FAILURE_TYPES.quota,
    );
  }
  if (inner instanceof TrackerQuotaExhausted || inner instanceof TrackerTaskFailed) {
    return trackerApplicationFailure(inner);
  }
  if (
    inner instanceof ApiCallError &&
    !waitForQuota &&
    inner.failure.kind === 'rate_limited' &&
    (inner.failure.retryAfterMs ?? 0) > QUOTA_WAIT_MS
  ) {
    // The tracker's own count says no (another tool may share the quota): the same answer as our count's.
    return ApplicationFailure.nonRetryable(
      `${tracker} app ${app}: the tracker answered that its quota is spent (${inner.failure.message}); it resets in ` +
        `${Math.ceil((inner.failure.retryAfterMs ?? 0) / 60_000)} min. The next daily run pulls these days again.`,
      TRACKER_FAILURE_TYPES.quota,
    );
  }
  if (inner instanceof ApiCallError) {
    return toApplicationFailure(inner.failure, { platform: tracker, accountId: app }, minBackoffMs);
  }
  if (inner instanceof ResponseFormatError) {
    return ApplicationFailure.nonRetryable(
      `${tracker} app ${app}: malformed response at ${inner.message}. Nothing was stored; check whether the tracker changed its format.`,
      FAILURE_TYPES.malformed,
    );
  }
  return inner;
}
