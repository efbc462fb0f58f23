import type { IsoDate } from '../../../domain/dates';
import { servedTrackerDays, type TrackerDay } from '../../../sandbox/tracker-data';
import type { TrackerTruthRow } from '../../../sandbox/tracker-module';
import type { SandboxTrackerApp } from '../../../sandbox/world';
import { AF_GROWTH_DAYS, AF_ORGANIC, AF_RT_CONVERSION_TYPES } from './api-facts';

/** One CSV line's worth of data: a campaign-day, or one conversion type's share of it in a retargeting report. */
export interface AfReportRow {
  date: IsoDate;
  agency: string;
  mediaSource: string;
  campaign: string;
  conversionType?: (typeof AF_RT_CONVERSION_TYPES)[number];
  day: TrackerDay;
}

/** The campaign-days of one report: UA (installs; organic included) or retargeting (retargeting campaigns only). */
export function afReportDays(
  seed: number,
  app: SandboxTrackerApp,
  from: IsoDate,
  to: IsoDate,
  now: Date,
  retargeting: boolean,
) {
  const organic = { mediaSource: AF_ORGANIC.mediaSource, campaign: { name: AF_ORGANIC.campaign, retargeting: false } };
  return servedTrackerDays(seed, 'appsflyer', app, organic, from, to, now, AF_GROWTH_DAYS).filter(
    (d) => d.campaign.retargeting === retargeting,
  );
}

/** Report lines: a retargeting campaign-day splits into its re-engagements and re-attributions (about 30%). */
export function afReportRows(
  seed: number,
  app: SandboxTrackerApp,
  from: IsoDate,
  to: IsoDate,
  now: Date,
  retargeting: boolean,
): AfReportRow[] {
  return afReportDays(seed, app, from, to, now, retargeting).flatMap(({ source, mediaSource, campaign, date, day }) => {
    const agency = source ? 'None' : AF_ORGANIC.agency;
    if (!retargeting) return [{ date, agency, mediaSource, campaign: campaign.name, day }];
    const [reEngagement, reAttribution] = splitDay(day, 0.3);
    return [
      {
        date,
        agency,
        mediaSource,
        campaign: campaign.name,
        conversionType: AF_RT_CONVERSION_TYPES[0],
        day: reEngagement,
      },
      {
        date,
        agency,
        mediaSource,
        campaign: campaign.name,
        conversionType: AF_RT_CONVERSION_TYPES[1],
        day: reAttribution,
      },
    ];
  });
}

/** Splits a day into (rest, share): the share's counts and money (whole currency units) rounded down, the rest the remainder. */
function splitDay(day: TrackerDay, share: number): [TrackerDay, TrackerDay] {
  const part = (n: number) => Math.floor(n * share);
  const money = (m: bigint) => ((m * BigInt(Math.round(share * 1000))) / 1000n / 1_000_000n) * 1_000_000n;
  const cut: TrackerDay = {
    installs: part(day.installs),
    reEngagements: part(day.reEngagements),
    eventCounts: day.eventCounts.map((e) => ({ name: e.name, count: part(e.count) })),
    revenueMicros: money(day.revenueMicros),
    costMicros: day.costMicros === null ? null : money(day.costMicros),
  };
  const rest: TrackerDay = {
    installs: day.installs - cut.installs,
    reEngagements: day.reEngagements - cut.reEngagements,
    eventCounts: day.eventCounts.map((e, i) => ({ name: e.name, count: e.count - (cut.eventCounts[i]?.count ?? 0) })),
    revenueMicros: day.revenueMicros - cut.revenueMicros,
    costMicros: day.costMicros === null || cut.costMicros === null ? null : day.costMicros - cut.costMicros,
  };
  return [rest, cut];
}

/** Ground truth: what the reports hold per campaign-day, in engine units (AppsFlyer reports no campaign ids here). */
export function afTruth(
  seed: number,
  app: SandboxTrackerApp,
  from: IsoDate,
  to: IsoDate,
  now: Date,
  reports: { ua: boolean; retargeting: boolean },
): TrackerTruthRow[] {
  const days = [
    ...(reports.ua ? afReportDays(seed, app, from, to, now, false) : []),
    ...(reports.retargeting ? afReportDays(seed, app, from, to, now, true) : []),
  ];
  return days.map(({ mediaSource, campaign, date, day }) => {
    const eventCounts = day.eventCounts
      .filter((e) => e.count > 0)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
      mediaSource,
      campaignId: null,
      campaignName: campaign.name,
      date,
      currency: app.currency,
      installs: day.installs,
      reEngagements: day.reEngagements,
      events: eventCounts.reduce((n, e) => n + e.count, 0),
      eventCounts,
      revenueMicros: day.revenueMicros,
      costMicros: day.costMicros,
    };
  });
}
