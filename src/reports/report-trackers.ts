import { datesInRange, type IsoDate } from '../domain/dates';
import type { Platform } from '../domain/platforms';
import { kpis, ZERO_TOTALS } from '../domain/report-math';
import {
  unmatchedCampaigns,
  type JoinedCampaignDay,
  type MediaCampaign,
  type UnmatchedTrackerRow,
} from '../domain/tracker-join';
import { trackerMaturity, type Tracker } from '../domain/trackers';
import type {
  CampaignRow,
  CampaignTrackerFigures,
  CurrencySection,
  ReportModel,
  SectionTrackerTotals,
  TrackerAppRow,
  TrackerFigures,
  TrackerRoasNote,
} from './model';

/**
 * Tracker figures put beside the media's in the report model. Pure: the joined figures come from
 * src/storage/tracker-joined.ts (the one join), read by src/reports/report-tracker-data.ts.
 */

export interface ReportTrackerApp {
  id: string;
  tracker: Tracker;
  name?: string | undefined;
  timeZone: string;
  currency: string;
  /** The tracker's restatement window (config/trackers.yaml): days younger than this may still change. */
  restatementWindowDays: number;
}

export interface ReportTrackerInput {
  /** Per app, media campaign, day and currency (sumByMediaCampaign per app). */
  days: ReadonlyArray<JoinedCampaignDay & { app: string }>;
  unmatched: readonly UnmatchedTrackerRow[];
  /** The media campaigns the join matched against: names of campaigns that had no media row in the period. */
  campaigns: readonly MediaCampaign[];
  apps: readonly ReportTrackerApp[];
  /** `platform|accountId` → the account's currency (config/accounts.yaml): where a campaign without media rows goes. */
  accountCurrencies: ReadonlyMap<string, string>;
  /** The report's "now": which tracker days are still inside their restatement window. */
  now: Date;
}

interface Summed extends TrackerFigures {
  unsettled: Set<IsoDate>;
}

const campaignKey = (c: { platform: string; accountId: string; campaignId: string }) =>
  `${c.platform}|${c.accountId}|${c.campaignId}`;

/**
 * The model with tracker figures on its campaign rows (never on ad sets: trackers report campaigns, and adding them
 * to ad sets as well would count them twice), per-currency tracker totals on each section, the advertiser's apps
 * with their unsettled days, and the tracker campaigns no media campaign matched. Without input (no tracker apps for
 * the advertiser) the model is returned as it was.
 */
export function withTrackerFigures(model: ReportModel, input: ReportTrackerInput | null): ReportModel {
  if (!input) return model;
  const inPeriod = (date: IsoDate) => date >= model.from && date <= model.to;
  const mature = new Map(
    input.apps.map((a) => [a.id, trackerMaturity(input.now, a.timeZone, a.restatementWindowDays)] as const),
  );

  // Per media campaign, per tracker currency: the apps' days added up (counts and same-currency money only).
  const byCampaign = new Map<string, Map<string, Summed>>();
  for (const day of input.days) {
    if (!inPeriod(day.date)) continue;
    const key = campaignKey(day);
    const currencies = byCampaign.get(key) ?? new Map<string, Summed>();
    byCampaign.set(key, currencies);
    const sum = currencies.get(day.currency) ?? {
      installs: 0,
      reEngagements: 0,
      events: 0,
      revenueMicros: 0n,
      costMicros: null,
      unsettled: new Set<IsoDate>(),
    };
    currencies.set(day.currency, sum);
    sum.installs += day.installs;
    sum.reEngagements += day.reEngagements;
    sum.events += day.events;
    sum.revenueMicros += day.revenueMicros;
    if (day.costMicros !== null) sum.costMicros = (sum.costMicros ?? 0n) + day.costMicros;
    const isMature = mature.get(day.app);
    if (!isMature) throw new Error(`tracker figures of app "${day.app}", which is not among the advertiser's apps`);
    if (!isMature(day.date)) sum.unsettled.add(day.date);
  }

  const names = new Map(input.campaigns.map((c) => [campaignKey(c), c.name]));
  const sections: CurrencySection[] = model.sections.map((s) => ({ ...s, campaigns: [...s.campaigns] }));
  // Matched campaigns with no media row in the period (tracker cohorts keep earning after a campaign stops) still
  // show, with zero media figures, in their account's currency: nothing the tracker reported disappears.
  const shown = new Set(sections.flatMap((s) => s.campaigns.map(campaignKey)));
  const missing = [...byCampaign.keys()].filter((key) => !shown.has(key)).sort();
  for (const key of missing) {
    const [platform, accountId, campaignId] = key.split('|') as [Platform, string, string];
    const currency = input.accountCurrencies.get(`${platform}|${accountId}`);
    const section = sections.find((s) => s.currency === currency);
    if (!section) {
      throw new Error(`tracker figures matched ${key}, whose account is not one of the advertiser's in accounts.yaml`);
    }
    section.campaigns.push({
      platform,
      accountId,
      campaignId,
      name: names.get(key) ?? campaignId,
      ...kpis(ZERO_TOTALS),
      adSets: [],
    });
  }

  for (const section of sections) {
    section.campaigns = section.campaigns.map((c) => ({
      ...c,
      tracker: campaignFigures(c, section.currency, byCampaign.get(campaignKey(c))),
    }));
    section.tracker = sectionTotals(section);
  }

  const dates = datesInRange(model.from, model.to);
  return {
    ...model,
    sections,
    trackers: {
      apps: input.apps.map((a): TrackerAppRow => {
        const isMature = mature.get(a.id) as (date: IsoDate) => boolean;
        return {
          app: a.id,
          name: a.name ?? a.id,
          tracker: a.tracker,
          timeZone: a.timeZone,
          currency: a.currency,
          restatementWindowDays: a.restatementWindowDays,
          unsettledDays: dates.filter((d) => !isMature(d)),
        };
      }),
      unmatched: unmatchedCampaigns(input.unmatched.filter((u) => inPeriod(u.row.date))),
    },
  };
}

/** Tracker revenue ÷ media spend, only in one currency (amounts are never converted) and over a spend above 0. */
export function trackerRoas(
  revenueMicros: bigint,
  trackerCurrency: string,
  spendMicros: bigint,
  mediaCurrency: string,
): { roas: number | null; roasNote: TrackerRoasNote | null } {
  if (trackerCurrency !== mediaCurrency) return { roas: null, roasNote: 'currency_mismatch' };
  if (spendMicros <= 0n) return { roas: null, roasNote: 'no_spend' };
  return { roas: Number(revenueMicros) / Number(spendMicros), roasNote: null };
}

/** The section's currency first (the one a ROAS can be computed in), then the others alphabetically. */
function currencyOrder(first: string): (a: { currency: string }, b: { currency: string }) => number {
  return (a, b) =>
    a.currency === b.currency
      ? 0
      : a.currency === first
        ? -1
        : b.currency === first
          ? 1
          : a.currency < b.currency
            ? -1
            : 1;
}

function campaignFigures(
  c: CampaignRow,
  mediaCurrency: string,
  sums: Map<string, Summed> | undefined,
): CampaignTrackerFigures[] {
  return [...(sums?.entries() ?? [])]
    .map(([currency, s]): CampaignTrackerFigures => ({
      currency,
      installs: s.installs,
      reEngagements: s.reEngagements,
      events: s.events,
      revenueMicros: s.revenueMicros,
      costMicros: s.costMicros,
      ...trackerRoas(s.revenueMicros, currency, c.spendMicros, mediaCurrency),
      unsettledDays: [...s.unsettled].sort(),
    }))
    .sort(currencyOrder(mediaCurrency));
}

function sectionTotals(section: CurrencySection): SectionTrackerTotals[] {
  const totals = new Map<string, Omit<SectionTrackerTotals, 'roas' | 'roasNote' | 'revenueDifferenceMicros'>>();
  for (const c of section.campaigns) {
    for (const f of c.tracker ?? []) {
      const t = totals.get(f.currency) ?? {
        currency: f.currency,
        campaigns: 0,
        installs: 0,
        reEngagements: 0,
        events: 0,
        revenueMicros: 0n,
        costMicros: null,
        mediaSpendMicros: 0n,
        mediaConversions: 0,
        mediaRevenueMicros: 0n,
      };
      totals.set(f.currency, t);
      t.campaigns += 1;
      t.installs += f.installs;
      t.reEngagements += f.reEngagements;
      t.events += f.events;
      t.revenueMicros += f.revenueMicros;
      if (f.costMicros !== null) t.costMicros = (t.costMicros ?? 0n) + f.costMicros;
      t.mediaSpendMicros += c.spendMicros;
      t.mediaConversions += c.conversions;
      t.mediaRevenueMicros += c.revenueMicros;
    }
  }
  return [...totals.values()]
    .map((t) => ({
      ...t,
      ...trackerRoas(t.revenueMicros, t.currency, t.mediaSpendMicros, section.currency),
      revenueDifferenceMicros: t.currency === section.currency ? t.revenueMicros - t.mediaRevenueMicros : null,
    }))
    .sort(currencyOrder(section.currency));
}
