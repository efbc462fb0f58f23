import { addDays, dateInZone, daysBetween, type IsoDate } from './dates';

/** Mobile measurement partners ("trackers"): where agencies read app installs and revenue per campaign. */
export const TRACKERS = ['appsflyer', 'adjust', 'airbridge'] as const;
export type Tracker = (typeof TRACKERS)[number];

export function isTracker(value: unknown): value is Tracker {
  return typeof value === 'string' && (TRACKERS as readonly string[]).includes(value);
}

/**
 * One activity task queue per tracker, like the media platforms' (`adops` → `adops-tracker-appsflyer`), so the
 * server paces each tracker's quota across every worker.
 */
export function trackerTaskQueue(mainQueue: string, tracker: Tracker): string {
  return `${mainQueue}-tracker-${tracker}`;
}

/** ADOPS_APPSFLYER_BASE_URL, ...: points a tracker's connector at the sandbox or a proxy. */
export function trackerBaseUrlEnvVar(tracker: Tracker): string {
  return `ADOPS_${tracker.toUpperCase()}_BASE_URL`;
}

/**
 * What a row's date means. AppsFlyer aggregate reports are by install date (LTV: an install day keeps collecting the
 * revenue of its users); Adjust's `day` and Airbridge's `event_date` are the day the activity happened.
 */
export type TrackerDateBasis = 'install' | 'activity';

/** One event name's count on a row (an array, not a map: event names may hold '.' or '$', which field names may not). */
export interface TrackerEventCount {
  name: string;
  count: number;
}

/**
 * One row of `tracker_daily`: a tracker's figures for one app, media source, campaign and day. Money is integer
 * micros in the row's explicit currency (the app's reporting currency; never converted).
 */
export interface TrackerDailyRow {
  tracker: Tracker;
  /** The app's key in config/trackers.yaml (apps[].id); the tracker's own app id is `appId`. */
  app: string;
  appId: string;
  advertiserId: string;
  /** The tracker's own name of the network: AppsFlyer `pid`, Adjust `partner_name`, Airbridge `channel`. */
  mediaSource: string;
  /** The network's campaign id where the tracker reports one; null where it reports names only. */
  campaignId: string | null;
  campaignName: string;
  /** Calendar date in the app's time zone. */
  date: IsoDate;
  dateBasis: TrackerDateBasis;
  timeZone: string;
  currency: string;
  installs: number;
  /** Retargeting conversions: re-engagements and re-attributions (re-installs credited to a retargeting source). */
  reEngagements: number;
  /** In-app events of every name. */
  events: number;
  /** Per event name, sorted by name, where the tracker reports them cheaply (same request); else empty. */
  eventCounts: TrackerEventCount[];
  revenueMicros: bigint;
  /** Null where the tracker reports no cost for this source (no cost integration, or "N/A"). */
  costMicros: bigint | null;
  /** True once the tracker's restatement window has passed in the app's zone: the values will not change any more. */
  mature: boolean;
}

/** The campaign part of the natural key: the id where there is one, else the name (marked, so they never collide). */
export function trackerCampaignKey(row: Pick<TrackerDailyRow, 'campaignId' | 'campaignName'>): string {
  return row.campaignId !== null ? `id:${row.campaignId}` : `name:${row.campaignName}`;
}

/** The natural key as one string; it is the document _id, so re-pulling a day can never create a duplicate. */
export function trackerDailyId(
  row: Pick<TrackerDailyRow, 'tracker' | 'app' | 'mediaSource' | 'campaignId' | 'campaignName' | 'date'>,
): string {
  return [row.tracker, row.app, row.mediaSource, trackerCampaignKey(row), row.date].join('|');
}

const COMPARED_FIELDS = [
  'advertiserId',
  'appId',
  'campaignName',
  'dateBasis',
  'timeZone',
  'currency',
  'installs',
  'reEngagements',
  'events',
  'revenueMicros',
  'costMicros',
  'mature',
] as const satisfies ReadonlyArray<keyof TrackerDailyRow>;

/** True when a stored row already holds exactly these values (an upsert would change nothing). */
export function sameTrackerValues(stored: Partial<TrackerDailyRow>, incoming: TrackerDailyRow): boolean {
  if (!COMPARED_FIELDS.every((field) => stored[field] === incoming[field])) return false;
  const a = stored.eventCounts ?? [];
  const b = incoming.eventCounts;
  return a.length === b.length && a.every((e, i) => e.name === b[i]?.name && e.count === b[i]?.count);
}

/**
 * A tracker day is settled once `windowDays` whole days have passed in the app's zone. Install-date cohorts keep
 * growing (late attribution, revenue of users acquired that day), so a day inside the window is re-pulled each run.
 */
export function isTrackerDayMature(date: IsoDate, now: Date, timeZone: string, windowDays: number): boolean {
  return trackerMaturity(now, timeZone, windowDays)(date);
}

/** The same rule for many rows at one instant: the app's today is computed once. */
export function trackerMaturity(now: Date, timeZone: string, windowDays: number): (date: IsoDate) => boolean {
  const today = dateInZone(now, timeZone);
  return (date) => daysBetween(date, today) >= windowDays;
}

/** The first date of the window a run re-pulls for an app: `windowDays` before `to`, never after it. */
export function trackerWindowStart(to: IsoDate, windowDays: number): IsoDate {
  return addDays(to, -Math.max(windowDays, 0));
}

/**
 * Rows with the same natural key merged into one (AppsFlyer splits a campaign-day by agency, and by conversion type in
 * retargeting reports): counts and money add up; cost stays null only when no part reported one.
 */
export function mergeTrackerRows(rows: readonly TrackerDailyRow[]): TrackerDailyRow[] {
  const merged = new Map<string, TrackerDailyRow>();
  for (const row of rows) {
    const key = trackerDailyId(row);
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...row, eventCounts: [...row.eventCounts] });
      continue;
    }
    const counts = new Map(seen.eventCounts.map((e) => [e.name, e.count]));
    for (const e of row.eventCounts) counts.set(e.name, (counts.get(e.name) ?? 0) + e.count);
    merged.set(key, {
      ...seen,
      installs: seen.installs + row.installs,
      reEngagements: seen.reEngagements + row.reEngagements,
      events: seen.events + row.events,
      eventCounts: sortedEventCounts(counts),
      revenueMicros: seen.revenueMicros + row.revenueMicros,
      costMicros:
        seen.costMicros === null && row.costMicros === null ? null : (seen.costMicros ?? 0n) + (row.costMicros ?? 0n),
    });
  }
  return [...merged.values()];
}

export function sortedEventCounts(counts: ReadonlyMap<string, number>): TrackerEventCount[] {
  return [...counts.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
