import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Db } from 'mongodb';
import type { EngineConfig } from '../config/load';
import { loadTrackersConfig } from '../config/trackers';
import type { IsoDate } from '../domain/dates';
import { joinedTrackerFigures } from '../storage/tracker-joined';
import type { ReportTrackerInput } from './report-trackers';

/**
 * The tracker part of a report, read once: config/trackers.yaml, then the advertiser's tracker_daily rows of the
 * period joined onto its media campaigns by the one join (src/storage/tracker-joined.ts). Null, and no tracker
 * columns, when the config has no trackers.yaml (or was not read from a directory) or lists no app of the
 * advertiser; a trackers.yaml that is there but wrong is a ConfigError naming the problem, as everywhere.
 * Tracker dates are the app's calendar days, taken as they are for the report's days (the join shifts no day).
 */
export async function loadReportTrackers(
  db: Db,
  config: EngineConfig,
  query: { advertiserId: string; dates: readonly IsoDate[]; now: Date },
): Promise<ReportTrackerInput | null> {
  if (!config.dir || !existsSync(path.join(config.dir, 'trackers.yaml'))) return null;
  const trackers = loadTrackersConfig(config.dir, config.accounts);
  if (!trackers.apps.some((a) => a.advertiser === query.advertiserId)) return null;
  const joined = await joinedTrackerFigures(db, trackers, { advertiserId: query.advertiserId, dates: query.dates });
  const accounts = config.accounts.advertisers.find((a) => a.id === query.advertiserId)?.accounts ?? [];
  return {
    days: joined.days,
    unmatched: joined.unmatched,
    campaigns: joined.campaigns,
    apps: joined.apps.map((a) => ({
      ...a,
      // The schema refuses an app whose tracker has no settings, so the window is always there.
      restatementWindowDays: trackers.trackers[a.tracker]?.restatementWindowDays ?? 0,
    })),
    accountCurrencies: new Map(accounts.map((a) => [`${a.platform}|${a.accountId}`, a.currency])),
    now: query.now,
  };
}
