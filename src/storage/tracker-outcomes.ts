import type { Db } from 'mongodb';
import type { TrackerConversions } from '../config/rules-schema';
import { trackerFeeds } from '../config/trackers';
import type { TrackersFile } from '../config/trackers-schema';
import { addDays, type IsoDate } from '../domain/dates';
import type { MetricRow } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import type { PlanRecord, ProposalRecord } from '../domain/rebalance/plan-record';
import { withTrackerOutcomes, type TrackerFeed, type TrackerOutcomeData } from '../domain/rebalance/tracker-outcome';
import { findAccountDays } from './metrics-store';
import { joinedTrackerFigures, type JoinedTrackerFigures } from './tracker-joined';

/**
 * The stored side of tracker-sourced rules (src/domain/rebalance/tracker-outcome.ts): which apps feed a rule's
 * accounts, their joined figures on the days a plan reads, and a plan's settled days since, on the tracker's outcome.
 * Reads only, through joinedTrackerFigures (equality filters, one find per app and day).
 */

/** Only the apps that feed these accounts are read: an advertiser's other apps cannot change the figures. */
function feedingOnly(trackers: TrackersFile, feeds: readonly TrackerFeed[]): TrackersFile {
  const apps = new Set(feeds.map((f) => f.app));
  return { ...trackers, apps: trackers.apps.filter((a) => apps.has(a.id)) };
}

/** The data a tracker rule plans on, from joined figures already read (the backtest reads them once per moment). */
export function trackerOutcomeData(
  figures: JoinedTrackerFigures,
  feeds: TrackerFeed[],
  conversions: TrackerConversions,
): TrackerOutcomeData {
  return { conversions, feeds, days: figures.days, reported: figures.reported ?? [] };
}

export async function readTrackerOutcomeData(
  db: Db,
  trackers: TrackersFile,
  query: {
    advertiserId: string;
    accounts: ReadonlyArray<{ platform: Platform; accountId: string }>;
    dates: readonly IsoDate[];
    conversions: TrackerConversions;
  },
): Promise<TrackerOutcomeData> {
  const feeds = trackerFeeds(trackers, query.advertiserId, query.accounts);
  if (feeds.length === 0) return { conversions: query.conversions, feeds, days: [], reported: [] };
  const figures = await joinedTrackerFigures(db, feedingOnly(trackers, feeds), {
    advertiserId: query.advertiserId,
    dates: query.dates,
  });
  return trackerOutcomeData(figures, feeds, query.conversions);
}

/** "appsflyer hanbit-beauty-aos": how a plan names the apps its outcome came from. */
export const feedNames = (feeds: readonly TrackerFeed[]): string[] =>
  [...new Set(feeds.map((f) => `${f.tracker} ${f.app}`))].sort();

/**
 * A tracker plan's proposals' days on `dates` (after the plan's day), with the media's spend and the tracker's
 * outcome, settled ones only (media and tracker both), per proposal key in date order. For outcomes and `explain`.
 */
export async function trackerSettledDays(
  db: Db,
  trackers: TrackersFile,
  plan: Pick<PlanRecord, 'advertiserId' | 'currency' | 'outcomeSource'>,
  proposals: readonly ProposalRecord[],
  dates: readonly IsoDate[],
  now: Date,
): Promise<Map<string, MetricRow[]>> {
  const out = new Map<string, MetricRow[]>(proposals.map((p) => [p.key, []]));
  if (plan.outcomeSource?.source !== 'tracker' || proposals.length === 0 || dates.length === 0) return out;
  const accounts = [
    ...new Map(
      proposals.map((p) => [`${p.platform}|${p.accountId}`, { platform: p.platform, accountId: p.accountId }]),
    ).values(),
  ];
  const data = await readTrackerOutcomeData(db, trackers, {
    advertiserId: plan.advertiserId,
    accounts,
    dates,
    conversions: plan.outcomeSource.conversions,
  });
  const rows: MetricRow[] = [];
  for (const a of accounts) {
    rows.push(...(await findAccountDays(db, { ...a, level: 'campaign', dates: [...dates] })));
  }
  const substituted = withTrackerOutcomes(
    rows,
    proposals.map((p) => ({
      key: p.key,
      platform: p.platform,
      accountId: p.accountId,
      level: p.level,
      entityId: p.entityId,
      currency: plan.currency,
    })),
    data,
    { now, includeUnsettled: false },
  );
  for (const row of substituted.rows.filter((r) => r.mature).sort((a, b) => (a.date < b.date ? -1 : 1))) {
    out.get(`${row.platform}|${row.accountId}|${row.level}|${row.entityId}`)?.push(row);
  }
  return out;
}

/** The `count` days after `date`, in order. */
export const daysAfter = (date: IsoDate, count: number): IsoDate[] =>
  Array.from({ length: count }, (_, i) => addDays(date, i + 1));
