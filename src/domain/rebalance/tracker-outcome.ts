import type { TrackerConversions } from '../../config/rules-schema';
import type { IsoDate } from '../dates';
import type { EntityLevel, MetricRow } from '../metrics';
import type { Platform } from '../platforms';
import type { JoinedCampaignDay } from '../tracker-join';
import { trackerMaturity, type Tracker } from '../trackers';
import { proposalKey } from './plan-record';

/**
 * A rule whose outcome comes from the tracker (`outcomeSource: {source: tracker}`): the history its curves are fitted
 * on keeps each campaign-day's media spend and takes conversions and conversion value from the tracker's figures for
 * the same campaign and day (src/domain/tracker-join.ts joined them). Pure.
 */

/** One tracker app whose mapping (config/trackers.yaml) lands on a media account: the campaigns it may report. */
export interface TrackerFeed {
  app: string;
  tracker: Tracker;
  platform: Platform;
  accountId: string;
  /** The app's zone and its tracker's restatement window: when one of its days is settled. */
  timeZone: string;
  restatementWindowDays: number;
}

export interface TrackerOutcomeData {
  conversions: TrackerConversions;
  /** Every app feeding an account of the rule's scope, once per account. */
  feeds: readonly TrackerFeed[];
  /** The tracker's figures per media campaign, day and currency on the dates read (one entry per app). */
  days: readonly JoinedCampaignDay[];
  /**
   * Per app, the dates on which it has any stored row. On such a date a campaign without a row had nothing
   * attributed (0); on any other date the tracker was not read, so nothing is known and the day is left out.
   */
  reported: ReadonlyArray<{ app: string; dates: readonly IsoDate[] }>;
}

/** An entity of the rule's scope, as the substitution needs it. */
export interface OutcomeEntity {
  key: string;
  platform: Platform;
  accountId: string;
  level: EntityLevel;
  entityId: string;
  /** The account's currency: the tracker's revenue must be in it. */
  currency: string;
}

export interface TrackerSubstitution {
  /**
   * The scope's media rows with conversions and conversion value from the tracker. `mature` is the media row's and
   * the tracker day's together: spend and outcome must both be final for the day to be settled.
   */
  rows: MetricRow[];
  /** Entities that cannot be planned on tracker figures, with why (in words). */
  skipped: Array<{ key: string; why: string }>;
}

/** The tracker count a rule counts as conversions. */
export function trackerCount(day: JoinedCampaignDay, conversions: TrackerConversions): number {
  return day[conversions];
}

const dayKey = (platform: string, accountId: string, campaignId: string, date: string) =>
  [platform, accountId, campaignId, date].join('|');

/**
 * Replaces each media row's outcome with the tracker's for the same campaign-day. Per entity:
 * - no app maps onto its account, or the tracker has no figure for it on any day read: skipped ("no tracker data");
 * - the tracker reports it in another currency than the account's: skipped (amounts are never compared across
 *   currencies, and spend is the media's);
 * - a day the tracker has no row for counts 0 when one of the account's apps reported that day, and is left out
 *   otherwise (the tracker was not read that day);
 * - a day is settled when the media row is and every app feeding the account has settled it (its restatement
 *   window has passed in its zone at `now`); without includeUnsettled an entity with no settled tracker day is
 *   skipped, saying so.
 */
export function withTrackerOutcomes(
  history: readonly MetricRow[],
  entities: readonly OutcomeEntity[],
  data: TrackerOutcomeData,
  options: { now: Date; includeUnsettled: boolean },
): TrackerSubstitution {
  const reportedBy = new Map(data.reported.map((r) => [r.app, new Set(r.dates)]));
  const feedsOf = new Map<string, TrackerFeed[]>();
  for (const feed of data.feeds) {
    const account = `${feed.platform}|${feed.accountId}`;
    feedsOf.set(account, [...(feedsOf.get(account) ?? []), feed]);
  }
  const trackerDays = new Map<string, JoinedCampaignDay[]>();
  const campaignDays = new Map<string, JoinedCampaignDay[]>();
  for (const day of data.days) {
    const k = dayKey(day.platform, day.accountId, day.campaignId, day.date);
    trackerDays.set(k, [...(trackerDays.get(k) ?? []), day]);
    const c = `${day.platform}|${day.accountId}|${day.campaignId}`;
    campaignDays.set(c, [...(campaignDays.get(c) ?? []), day]);
  }
  const rowsOf = new Map<string, MetricRow[]>();
  for (const row of history) rowsOf.set(proposalKey(row), [...(rowsOf.get(proposalKey(row)) ?? []), row]);

  const out: TrackerSubstitution = { rows: [], skipped: [] };
  for (const entity of entities) {
    const skip = (why: string) => out.skipped.push({ key: entity.key, why });
    if (entity.level !== 'campaign') {
      skip('tracker figures are joined onto campaigns, not ad sets');
      continue;
    }
    const feeds = feedsOf.get(`${entity.platform}|${entity.accountId}`) ?? [];
    if (feeds.length === 0) {
      skip(`no tracker data: no tracker app maps onto ${entity.platform} account ${entity.accountId} (trackers.yaml)`);
      continue;
    }
    const apps = feeds.map((f) => `${f.tracker} ${f.app}`).join(', ');
    const own = campaignDays.get(`${entity.platform}|${entity.accountId}|${entity.entityId}`) ?? [];
    if (own.length === 0) {
      skip(`no tracker data: ${apps} reported nothing for this campaign on the days read`);
      continue;
    }
    const foreign = [...new Set(own.map((d) => d.currency).filter((c) => c !== entity.currency))];
    if (foreign.length > 0) {
      skip(
        `the tracker reports this campaign in ${foreign.join(', ')} and the account spends ${entity.currency}: ` +
          'tracker revenue is never set against spend in another currency',
      );
      continue;
    }
    const settledBy = feeds.map((f) => trackerMaturity(options.now, f.timeZone, f.restatementWindowDays));
    const trackerSettled = (date: IsoDate) => settledBy.every((settled) => settled(date));
    if (!options.includeUnsettled && !own.some((d) => trackerSettled(d.date))) {
      const windows = feeds.map((f) => `${f.tracker} ${f.app} ${f.restatementWindowDays} days`).join(', ');
      skip(
        `no settled tracker data yet: every day with tracker figures is still inside the restatement window (${windows}); includeUnsettled would count them`,
      );
      continue;
    }
    for (const row of rowsOf.get(entity.key) ?? []) {
      const parts = trackerDays.get(dayKey(row.platform, row.accountId, row.entityId, row.date)) ?? [];
      if (parts.length === 0 && !feeds.some((f) => reportedBy.get(f.app)?.has(row.date))) continue;
      out.rows.push({
        ...row,
        conversions: parts.reduce((n, d) => n + trackerCount(d, data.conversions), 0),
        conversionValueMicros: parts.reduce((s, d) => s + d.revenueMicros, 0n),
        mature: row.mature && trackerSettled(row.date),
      });
    }
  }
  return out;
}
