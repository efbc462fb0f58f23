import type { Db } from 'mongodb';
import { mappingsOf } from '../config/trackers';
import type { TrackerAppConfig, TrackersFile } from '../config/trackers-schema';
import type { IsoDate } from '../domain/dates';
import {
  joinTrackerRows,
  sumByMediaCampaign,
  type JoinedCampaignDay,
  type MediaCampaign,
  type UnmatchedTrackerRow,
} from '../domain/tracker-join';
import { findAccountCampaigns } from './entities-store';
import { findTrackerApp, findTrackerAppDay, type StoredTrackerRow } from './tracker-store';

/**
 * The stored side of the tracker join (src/domain/tracker-join.ts): tracker_daily rows of an advertiser's apps and the
 * media campaigns the pulls stored in `entities` for the accounts its mappings name. Reads only, equality filters only
 * (one find per app and day, as the storage subset wants).
 */

/** The campaigns of every account the app's mappings name, as the join matches them. */
export async function mediaCampaignsOfApp(db: Db, trackers: TrackersFile, appKey: string): Promise<MediaCampaign[]> {
  const accounts = new Set(
    mappingsOf(trackers, appKey).flatMap((m) => m.accountIds.map((accountId) => `${m.platform}|${accountId}`)),
  );
  const campaigns: MediaCampaign[] = [];
  for (const key of accounts) {
    const [platform, accountId] = key.split('|') as [MediaCampaign['platform'], string];
    for (const e of await findAccountCampaigns(db, { platform, accountId })) {
      campaigns.push({ platform, accountId, campaignId: e.entityId, name: e.name });
    }
  }
  return campaigns;
}

export interface JoinedTrackerFigures {
  /**
   * Tracker figures per app, media campaign, day (the app's date) and currency: two apps on one campaign give two
   * entries (each app has its own restatement window, so a reader can tell which figures may still move).
   */
  days: Array<JoinedCampaignDay & { app: string }>;
  unmatched: UnmatchedTrackerRow[];
  /** The media campaigns the rows were matched against (each once), with their current names. */
  campaigns: MediaCampaign[];
  /** The apps read, so a caller can say which trackers the figures come from. */
  apps: Array<Pick<TrackerAppConfig, 'id' | 'tracker' | 'name' | 'timeZone' | 'currency'>>;
  /**
   * Per app read, the dates on which it has any stored row (matched or not), in order: on such a date a campaign
   * without a row had nothing attributed; on another the tracker may simply not have been pulled.
   */
  reported?: Array<{ app: string; dates: IsoDate[] }>;
}

/**
 * An advertiser's tracker figures joined onto its media campaigns, on the given dates (all stored dates when absent).
 * Tracker dates are in the app's time zone and media dates in the account's; with both in config a mismatch is
 * visible there, and the join does not shift days.
 */
export async function joinedTrackerFigures(
  db: Db,
  trackers: TrackersFile,
  query: { advertiserId: string; dates?: readonly IsoDate[] },
): Promise<JoinedTrackerFigures> {
  return joinRead(trackers, await readApps(db, trackers, query));
}

/** One app's stored rows (of the dates asked, or all) and the media campaigns its mappings name. */
interface AppRead {
  app: TrackerAppConfig;
  rows: StoredTrackerRow[];
  campaigns: MediaCampaign[];
}

async function readApps(
  db: Db,
  trackers: TrackersFile,
  query: { advertiserId: string; dates?: readonly IsoDate[] },
): Promise<AppRead[]> {
  const read: AppRead[] = [];
  for (const app of trackers.apps.filter((a) => a.advertiser === query.advertiserId)) {
    const rows: StoredTrackerRow[] = [];
    if (query.dates) {
      for (const date of query.dates)
        rows.push(...(await findTrackerAppDay(db, { tracker: app.tracker, app: app.id, date })));
    } else {
      rows.push(...(await findTrackerApp(db, { tracker: app.tracker, app: app.id })));
    }
    read.push({ app, rows, campaigns: rows.length > 0 ? await mediaCampaignsOfApp(db, trackers, app.id) : [] });
  }
  return read;
}

/** The join of what was read, keeping only the rows `keep` accepts (all by default). Pure. */
function joinRead(
  trackers: TrackersFile,
  read: readonly AppRead[],
  keep: (row: StoredTrackerRow) => boolean = () => true,
): JoinedTrackerFigures {
  const result: JoinedTrackerFigures = { days: [], unmatched: [], campaigns: [], apps: [], reported: [] };
  const seen = new Set<string>();
  for (const { app, rows: all, campaigns } of read) {
    result.apps.push({
      id: app.id,
      tracker: app.tracker,
      name: app.name,
      timeZone: app.timeZone,
      currency: app.currency,
    });
    const rows = all.filter(keep);
    result.reported?.push({ app: app.id, dates: datesOf(rows) });
    if (rows.length === 0) continue;
    const joined = joinTrackerRows(rows, mappingsOf(trackers, app.id), campaigns);
    result.days.push(...sumByMediaCampaign(joined.matched).map((day) => ({ ...day, app: app.id })));
    result.unmatched.push(...joined.unmatched);
    for (const c of campaigns) {
      const key = `${c.platform}|${c.accountId}|${c.campaignId}`;
      if (!seen.has(key)) result.campaigns.push(c);
      seen.add(key);
    }
  }
  return result;
}

const datesOf = (rows: readonly StoredTrackerRow[]): IsoDate[] => [...new Set(rows.map((r) => r.date))].sort();

/**
 * joinedTrackerFigures as known at each of several moments (the backtest: the morning of each replayed day): a row
 * counts only if it was first stored by then. Each app's rows and media campaigns are read once, then joined per
 * moment in memory. tracker_daily keeps no earlier revisions, so a known row carries its current values; a tracker
 * no longer restates a day once it is settled, so for settled days those are the values known then.
 */
export async function joinedTrackerFiguresKnownAt(
  db: Db,
  trackers: TrackersFile,
  query: { advertiserId: string; dates: readonly IsoDate[] },
  moments: readonly Date[],
): Promise<JoinedTrackerFigures[]> {
  const read = await readApps(db, trackers, query);
  return moments.map((moment) => joinRead(trackers, read, (r) => r.firstSeenAt.getTime() <= moment.getTime()));
}
