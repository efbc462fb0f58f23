import { ApplicationFailure } from '@temporalio/common';
import type { TrackerAppConfig, TrackerSettings } from '../config/trackers-schema';
import type { IsoDate } from '../domain/dates';
import type { Tracker, TrackerDailyRow } from '../domain/trackers';
import type { RawExchange } from './connector';
import type { RequestPolicy } from './http-client';

/**
 * The tracker side of the connector kit: the contract every tracker connector meets, the quota seam, and the named
 * errors a pull can end in. Tracker reports are small (apps × sources × campaigns × days), so a pull returns all its
 * rows at once; the exchanges are kept for raw storage, secrets already removed.
 */
export interface TrackerPull {
  rows: TrackerDailyRow[];
  exchanges: RawExchange[];
}

export interface TrackerConnector {
  /** Every row the tracker reports for the app's days in [from, to] (the app's time zone), one per natural key. */
  pull(app: TrackerAppConfig, range: { from: IsoDate; to: IsoDate }): Promise<TrackerPull>;
}

/**
 * Counted calls against a tracker's daily quota (AppsFlyer: per app and per account, resetting 00:00 UTC). `take`
 * reserves one call for every key or for none, and says so; the activity's implementation must be durable (shared by
 * every worker and run), the in-memory one serves tests and single-process tools.
 */
export interface TrackerQuota {
  take(keys: ReadonlyArray<{ key: string; limit: number }>, now: Date): Promise<boolean>;
}

/** Per process only: a restart forgets what was spent. The lead's durable quota replaces it in activities. */
export class InMemoryTrackerQuota implements TrackerQuota {
  private readonly used = new Map<string, number>();

  async take(keys: ReadonlyArray<{ key: string; limit: number }>, now: Date): Promise<boolean> {
    const day = now.toISOString().slice(0, 10);
    const slots = keys.map(({ key, limit }) => ({ slot: `${day}|${key}`, limit }));
    if (slots.some(({ slot, limit }) => (this.used.get(slot) ?? 0) >= limit)) return false;
    for (const { slot } of slots) this.used.set(slot, (this.used.get(slot) ?? 0) + 1);
    return true;
  }

  /** Calls taken today (UTC) under a key. */
  count(key: string, now: Date): number {
    return this.used.get(`${now.toISOString().slice(0, 10)}|${key}`) ?? 0;
  }
}

/** Everything a tracker connector gets; identical for every tracker but for its settings' type. */
export interface TrackerConnectorContext<S extends TrackerSettings = TrackerSettings> {
  tracker: Tracker;
  settings: S;
  /** ADOPS_<TRACKER>_BASE_URL if set (sandbox, proxy), else settings.baseUrl. */
  baseUrl: string;
  /** Reads the secret named by app.credentials[key] from the environment; fails non-retryably if unset. */
  credential(app: TrackerAppConfig, key: string): string;
  /** Who owns the app's rows (config/trackers.yaml apps[].advertiser): never taken from a workflow input. */
  advertiserOf(app: TrackerAppConfig): string;
  policy: Omit<RequestPolicy, 'classify'>;
  quota: TrackerQuota;
  now(): Date;
}

export type TrackerConnectorFactory<S extends TrackerSettings = TrackerSettings> = (
  ctx: TrackerConnectorContext<S>,
) => TrackerConnector;

/** What a tracker parser needs of the app it parses for: who owns it, its zone and currency, the range, when a day settles. */
export interface TrackerParseContext {
  app: string;
  appId: string;
  advertiserId: string;
  currency: string;
  timeZone: string;
  range: { from: IsoDate; to: IsoDate };
  isMature(date: IsoDate): boolean;
}

/** A daily quota is spent: no call was made. Retry after `retryAfterMs` (the next 00:00 UTC). */
export class TrackerQuotaExhausted extends Error {
  constructor(
    readonly tracker: Tracker,
    readonly quotaKey: string,
    readonly retryAfterMs: number,
  ) {
    super(
      `${tracker} daily quota ${quotaKey} is spent; it resets at 00:00 UTC (in ${Math.ceil(retryAfterMs / 60_000)} min)`,
    );
    this.name = 'TrackerQuotaExhausted';
  }
}

/** An asynchronous report task that ended without data: FAILURE or CANCELED by the tracker, or still running at our deadline. */
export class TrackerTaskFailed extends Error {
  constructor(
    readonly tracker: Tracker,
    readonly taskId: string,
    readonly status: 'FAILURE' | 'CANCELED' | 'TIMEOUT',
    detail: string,
  ) {
    super(`${tracker} report task ${taskId} ended ${status}: ${detail}`);
    this.name = 'TrackerTaskFailed';
  }
}

/** Milliseconds from `now` to the next 00:00 UTC, when AppsFlyer's daily quotas reset. */
export function msUntilUtcMidnight(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return next - now.getTime();
}

export const TRACKER_FAILURE_TYPES = {
  quota: 'TrackerQuotaExhausted',
  task: 'TrackerTaskFailed',
} as const;

/** The Temporal failure for a tracker's named errors: a spent quota waits for its reset; a failed task is retried. */
export function trackerApplicationFailure(err: TrackerQuotaExhausted | TrackerTaskFailed): ApplicationFailure {
  if (err instanceof TrackerQuotaExhausted) {
    return ApplicationFailure.create({
      type: TRACKER_FAILURE_TYPES.quota,
      message: `${err.message}. Temporal retries after the reset.`,
      nextRetryDelay: err.retryAfterMs,
    });
  }
  return ApplicationFailure.retryable(`${err.message}. Temporal retries with back-off.`, TRACKER_FAILURE_TYPES.task);
}
