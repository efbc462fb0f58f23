import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig } from '../../src/config/load';
import { loadTrackersConfig } from '../../src/config/trackers';
import type { TrackerAppConfig, TrackerSettingsOf, TrackersFile } from '../../src/config/trackers-schema';
import { RequestPacer } from '../../src/connectors/rate-limiter';
import { InMemoryTrackerQuota, type TrackerConnector } from '../../src/connectors/tracker';
import { createTrackerConnector } from '../../src/connectors/tracker-registry';
import { trackerBaseUrlEnvVar, trackerDailyId, type Tracker, type TrackerDailyRow } from '../../src/domain/trackers';
import type { RunningSandbox } from '../../src/sandbox/server';
import type { TrackerTruthRow } from '../../src/sandbox/tracker-module';
import { projectRoot } from '../../src/stack/paths';

const root = projectRoot();
export const sandboxSecrets = parseEnv(readFileSync(path.join(root, 'config', 'sandbox.env'), 'utf8')) as Record<
  string,
  string
>;

/** config/trackers.yaml with a tracker's settings overridden (tests shrink minutes and quotas). */
export function trackersConfig<T extends Tracker>(
  tracker?: T,
  overrides: Partial<TrackerSettingsOf[T]> = {},
): TrackersFile {
  const dir = path.join(root, 'config');
  const config = loadTrackersConfig(dir, loadConfig(dir).accounts);
  if (!tracker) return config;
  return { ...config, trackers: { ...config.trackers, [tracker]: { ...config.trackers[tracker], ...overrides } } };
}

export function trackerApp(config: TrackersFile, id: string): TrackerAppConfig {
  const app = config.apps.find((a) => a.id === id);
  if (!app) throw new Error(`no app ${id} in config/trackers.yaml`);
  return app;
}

export interface TestPolicy {
  attempts?: number;
  timeoutMs?: number;
  maxInAttemptWaitMs?: number;
  onWait?: (reason: string) => void;
}

/** A tracker connector on the in-process sandbox, its clock the sandbox's, secrets from config/sandbox.env. */
export function sandboxTrackerConnector(
  sandbox: RunningSandbox,
  tracker: Tracker,
  config: TrackersFile,
  options: TestPolicy & { quota?: InMemoryTrackerQuota; env?: NodeJS.ProcessEnv } = {},
): TrackerConnector {
  return createTrackerConnector({
    tracker,
    config,
    policy: {
      pacer: new RequestPacer(1000),
      timeoutMs: options.timeoutMs ?? 2000,
      attempts: options.attempts ?? 1,
      maxInAttemptWaitMs: options.maxInAttemptWaitMs ?? 50,
      minBackoffMs: 10,
      ...(options.onWait ? { onWait: options.onWait } : {}),
    },
    quota: options.quota ?? new InMemoryTrackerQuota(),
    env: { ...sandboxSecrets, [trackerBaseUrlEnvVar(tracker)]: `${sandbox.url}/${tracker}`, ...options.env },
    now: () => sandbox.state.now(),
  });
}

/** A row in the sandbox truth's terms, keyed like tracker_daily, for comparing pulls with the truth. */
export function comparable(row: TrackerDailyRow | TrackerTruthRow): Record<string, unknown> {
  return {
    mediaSource: row.mediaSource,
    campaignId: row.campaignId,
    campaignName: row.campaignName,
    date: row.date,
    currency: row.currency,
    installs: row.installs,
    reEngagements: row.reEngagements,
    events: row.events,
    eventCounts: row.eventCounts,
    revenueMicros: row.revenueMicros,
    costMicros: row.costMicros,
  };
}

/** Rows by the natural key of tracker_daily (tracker and app fixed by the test). */
export function byKey(rows: ReadonlyArray<TrackerDailyRow | TrackerTruthRow>): Map<string, Record<string, unknown>> {
  return new Map(rows.map((r) => [trackerDailyId({ ...r, tracker: 'appsflyer', app: 'app' }), comparable(r)] as const));
}

/** Tracker quota counts the sandbox kept, by key. */
export function quotaCounts(sandbox: RunningSandbox) {
  return Object.fromEntries(sandbox.state.quotas);
}
