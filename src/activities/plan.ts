import { existsSync } from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { loadTrackersConfig } from '../config/trackers';
import { TRACKERS, type Tracker } from '../domain/trackers';
import { findAccount, runTimeoutMs } from '../config/accounts';
import { ConfigError, type EngineConfig } from '../config/load';
import { addDays, dateInZone, type IsoDate } from '../domain/dates';
import type { Platform } from '../domain/platforms';
import { restatementRange } from '../domain/pull-window';
import { FAILURE_TYPES } from '../connectors/failures';
import { checkBackfillLength, checkRange, INVALID_INPUT } from './run-bounds';

export interface PlanDailyRunInput {
  date?: IsoDate;
  advertisers?: string[];
  platforms?: Platform[];
  /** Per-platform override of how many days back to re-pull (default: the platform's restatement window). */
  windowDays?: Partial<Record<Platform, number>>;
  /** Trackers to pull (DailyOpsInput.trackers). */
  trackers?: Tracker[];
  /** The workflow's start (or scheduled) time, so "yesterday" does not drift if planning runs late. */
  asOf: string;
}

export interface PlannedAccount {
  advertiserId: string;
  platform: Platform;
  accountId: string;
  /** Range this run re-pulls for the account: the report date back through the restatement window. */
  from: IsoDate;
  to: IsoDate;
}

/** A tracker app a run pulls: its restatement window (config/trackers.yaml) ending at the run's date, in its zone. */
export interface PlannedTrackerApp {
  advertiserId: string;
  tracker: Tracker;
  /** The app's key in config/trackers.yaml. */
  appId: string;
  from: IsoDate;
  to: IsoDate;
}

export interface DailyRunPlan {
  date: IsoDate;
  timeZone: string;
  advertisers: string[];
  maxParallelChildren: number;
  /** Execution timeout of each child pull; optional because plans recorded in older histories lack it. */
  pullTimeoutMs?: number;
  accounts: PlannedAccount[];
  /** Absent in plans recorded before tracker pulls joined the daily run. */
  trackerApps?: PlannedTrackerApp[];
}

export function createPlanActivities(deps: { loadConfig: () => EngineConfig }) {
  const load = () => configured(deps.loadConfig);
  return {
    /** Which advertiser owns an account. Kept for pullAccount runs started before the owner came from config. */
    async resolveAccount(input: { platform: Platform; accountId: string }): Promise<{ advertiserId: string }> {
      const owned = findAccount(load().accounts, input.platform, input.accountId);
      if (!owned) {
        throw ApplicationFailure.nonRetryable(
          `accountId: ${input.platform} account ${input.accountId} is not in config/accounts.yaml; add it there first.`,
          FAILURE_TYPES.config,
        );
      }
      return { advertiserId: owned.advertiserId };
    },

    /**
     * Checks a backfill against config before its first chunk: the account exists, the range starts on or after the
     * earliest date, ends no later than the account's today, and is no longer than config allows.
     */
    async checkBackfill(input: { platform: Platform; accountId: string; from: IsoDate; to: IsoDate }): Promise<void> {
      const config = load();
      const owned = findAccount(config.accounts, input.platform, input.accountId);
      if (!owned) {
        throw ApplicationFailure.nonRetryable(
          `accountId: ${input.platform} account ${input.accountId} is not in config/accounts.yaml; add it there first.`,
          INVALID_INPUT,
        );
      }
      checkRange(config, input, owned.account.timeZone, new Date(), `${input.platform} account ${input.accountId}`);
      checkBackfillLength(config, input);
    },

    /** A tracker backfill against config before its first chunk: the app exists and is the tracker's, the range fits. */
    async checkTrackerBackfill(input: { tracker: Tracker; appId: string; from: IsoDate; to: IsoDate }): Promise<void> {
      const config = load();
      const app = configured(() => loadTrackersConfig(config.dir, config.accounts)).apps.find(
        (a) => a.id === input.appId,
      );
      if (!app || app.tracker !== input.tracker) {
        throw ApplicationFailure.nonRetryable(
          app
            ? `tracker: app ${app.id} is measured by ${app.tracker} in config/trackers.yaml, not ${input.tracker}.`
            : `appId: no app "${input.appId}" in config/trackers.yaml; add it there first.`,
          INVALID_INPUT,
        );
      }
      checkRange(config, input, app.timeZone, new Date(), `app ${app.id}`);
      checkBackfillLength(config, input);
    },

    /** Resolves a daily run's input against config: which date, which advertisers, which accounts. */
    async planDailyRun(input: PlanDailyRunInput): Promise<DailyRunPlan> {
      const config = load();
      const platforms = config.platforms.platforms;
      const unknownPlatforms = (input.platforms ?? []).filter((p) => !platforms[p]);
      if (unknownPlatforms.length > 0) {
        throw ApplicationFailure.nonRetryable(
          `platforms: ${unknownPlatforms.join(', ')} not configured in config/platforms.yaml (configured: ${Object.keys(platforms).join(', ')})`,
          INVALID_INPUT,
        );
      }
      const known = config.accounts.advertisers.map((a) => a.id);
      const unknown = (input.advertisers ?? []).filter((id) => !known.includes(id));
      if (unknown.length > 0) {
        throw ApplicationFailure.nonRetryable(
          `advertisers: unknown advertiser id(s) ${unknown.map((u) => `"${u}"`).join(', ')}; config/accounts.yaml has ${known.join(', ')}`,
          INVALID_INPUT,
        );
      }
      const chosen = config.accounts.advertisers.filter(
        (a) => !input.advertisers?.length || input.advertisers.includes(a.id),
      );
      const timeZone = config.accounts.timeZone;
      const asOf = new Date(input.asOf);
      const date = input.date ?? addDays(dateInZone(asOf, timeZone), -1);
      checkRange(config, { from: date, to: date }, timeZone, asOf, 'the agency');
      // An account whose zone is behind the agency's may not have reached `date` yet: its range ends at its own today.
      const rangeFor = (platform: Platform, accountZone: string) => {
        const window = restatementRange(
          date,
          input.windowDays?.[platform] ?? platforms[platform]?.restatementWindowDays ?? 1,
        );
        const accountToday = dateInZone(asOf, accountZone);
        const to = window.to < accountToday ? window.to : accountToday;
        const from = window.from < to ? window.from : to;
        return { from: from < config.platforms.runs.earliestDate ? config.platforms.runs.earliestDate : from, to };
      };
      const trackerApps = plannedTrackerApps(
        config,
        input,
        chosen.map((a) => a.id),
        date,
        asOf,
      );
      return {
        date,
        timeZone,
        trackerApps,
        advertisers: chosen.map((a) => a.id),
        maxParallelChildren: config.platforms.worker.maxParallelChildren,
        pullTimeoutMs: runTimeoutMs(config.platforms.runs, 'pullAccount'),
        accounts: chosen.flatMap((a) =>
          a.accounts
            .filter((account) => !input.platforms?.length || input.platforms.includes(account.platform))
            .map((account) => ({
              advertiserId: a.id,
              platform: account.platform,
              accountId: account.accountId,
              ...rangeFor(account.platform, account.timeZone),
            })),
        ),
      };
    },
  };
}

/**
 * The tracker apps of the chosen advertisers, each over its tracker's restatement window ending at `date` or at the
 * app's own today, whichever is first. None when the run named platforms but no trackers, or config has no
 * trackers.yaml (trackers are optional); a trackers.yaml that does not parse fails the run by name.
 */
function plannedTrackerApps(
  config: EngineConfig,
  input: PlanDailyRunInput,
  advertisers: string[],
  date: IsoDate,
  asOf: Date,
): PlannedTrackerApp[] {
  const wanted = input.trackers ?? (input.platforms?.length ? [] : [...TRACKERS]);
  if (wanted.length === 0 || !existsSync(path.join(config.dir, 'trackers.yaml'))) return [];
  const trackers = configured(() => loadTrackersConfig(config.dir, config.accounts));
  return trackers.apps
    .filter((app) => advertisers.includes(app.advertiser) && wanted.includes(app.tracker))
    .map((app) => {
      const window = restatementRange(date, trackers.trackers[app.tracker]?.restatementWindowDays ?? 1);
      const appToday = dateInZone(asOf, app.timeZone);
      const to = window.to < appToday ? window.to : appToday;
      const from = window.from < to ? window.from : to;
      const earliest = config.platforms.runs.earliestDate;
      return {
        advertiserId: app.advertiser,
        tracker: app.tracker,
        appId: app.id,
        from: from < earliest ? earliest : from,
        to,
      };
    });
}

/** A broken config file fails the run by name at once: retrying cannot fix it. */
function configured<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ConfigError) throw ApplicationFailure.nonRetryable(err.message, FAILURE_TYPES.config);
    throw err;
  }
}
