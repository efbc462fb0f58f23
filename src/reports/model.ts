import type { IsoDate } from '../domain/dates';
import type { Platform } from '../domain/platforms';
import type { UnmatchedCampaign } from '../domain/tracker-join';
import type { Tracker } from '../domain/trackers';

/**
 * Everything one advertiser's report shows, computed once from the database (src/reports/report-data.ts) and rendered
 * by every format (XLSX, CSV, HTML, PDF). Money is bigint micros in the section's currency; sections never add across
 * currencies. Ratios are derived from summed integers in src/domain/report-math.ts, null where undefined (÷ 0).
 */
export type ReportPeriod = 'daily' | 'weekly' | 'monthly';
export type ReportLocale = 'ko-KR' | 'en-US';

export interface Totals {
  spendMicros: bigint;
  impressions: number;
  clicks: number;
  conversions: number;
  revenueMicros: bigint;
}

export interface Kpis extends Totals {
  /** clicks / impressions, a fraction (0.0123 = 1.23%). */
  ctr: number | null;
  cpcMicros: bigint | null;
  /** Cost per 1,000 impressions. */
  cpmMicros: bigint | null;
  /** conversions / clicks, a fraction. */
  cvr: number | null;
  cpaMicros: bigint | null;
  /** revenue / spend (3.25 = 325%). */
  roas: number | null;
}

export interface KpiDelta {
  /** (current − previous) / previous as a fraction; null when the previous value is 0 or null. */
  spend: number | null;
  impressions: number | null;
  clicks: number | null;
  conversions: number | null;
  revenue: number | null;
  ctr: number | null;
  cpc: number | null;
  cpm: number | null;
  cvr: number | null;
  cpa: number | null;
  roas: number | null;
}

export interface DailyPoint extends Kpis {
  date: IsoDate;
}

export interface PlatformRow extends Kpis {
  platform: Platform;
}

export interface AdSetRow extends Kpis {
  adSetId: string;
  name: string;
}

/** A campaign with its ad sets under it (never added twice: the campaign's figures are its own rows). */
export interface CampaignRow extends Kpis {
  platform: Platform;
  accountId: string;
  campaignId: string;
  name: string;
  adSets: AdSetRow[];
  /**
   * The tracker's figures joined onto this campaign (src/domain/tracker-join.ts), one entry per tracker currency, the
   * campaign's own currency first; empty when no tracker row matched it. Absent when the advertiser has no tracker
   * apps. Campaign rows only: ad sets have no tracker figures (trackers report campaigns).
   */
  tracker?: CampaignTrackerFigures[];
}

/** What a mobile measurement partner reports, summed: counts, and money in integer micros of its own currency. */
export interface TrackerFigures {
  installs: number;
  reEngagements: number;
  events: number;
  revenueMicros: bigint;
  /** Null when no summed tracker row reported cost (no cost integration for the source). */
  costMicros: bigint | null;
}

/**
 * Why a tracker ROAS is not shown: the tracker's revenue is in another currency than the media's spend (never
 * converted), or the media spent nothing.
 */
export type TrackerRoasNote = 'currency_mismatch' | 'no_spend';

export interface CampaignTrackerFigures extends TrackerFigures {
  /** The tracker's (the app's) currency; may differ from the campaign's. */
  currency: string;
  /** Tracker revenue ÷ the campaign's media spend (3.25 = 325%); null with `roasNote` when it cannot be computed. */
  roas: number | null;
  roasNote: TrackerRoasNote | null;
  /** Days of the period whose tracker figures are still inside the tracker's restatement window (may still move). */
  unsettledDays: IsoDate[];
}

/**
 * A section's tracker totals in one tracker currency, over the campaigns of the section that have tracker figures
 * in it, beside the media's own spend, conversions and revenue on those same campaigns.
 */
export interface SectionTrackerTotals extends TrackerFigures {
  currency: string;
  /** Media campaigns of the section with tracker figures in this currency. */
  campaigns: number;
  /** The media's figures on those campaigns, in the section's currency. */
  mediaSpendMicros: bigint;
  mediaConversions: number;
  mediaRevenueMicros: bigint;
  roas: number | null;
  roasNote: TrackerRoasNote | null;
  /** Tracker revenue − media revenue on the same campaigns; null when the currencies differ. */
  revenueDifferenceMicros: bigint | null;
}

/** One tracker app of the advertiser and which days of the period its figures may still change. */
export interface TrackerAppRow {
  app: string;
  name: string;
  tracker: Tracker;
  timeZone: string;
  currency: string;
  restatementWindowDays: number;
  /** Days of the period still inside the restatement window in the app's zone. */
  unsettledDays: IsoDate[];
}

/** The advertiser's tracker apps and the tracker campaigns no media campaign matched (listed, never dropped). */
export interface TrackerReport {
  apps: TrackerAppRow[];
  unmatched: UnmatchedCampaign[];
}

export interface Pacing {
  monthlyBudgetMicros: bigint;
  monthToDateSpendMicros: bigint;
  /** Month-to-date spend extrapolated to the month's end at the average daily spend so far. */
  projectedMicros: bigint;
  /** What each remaining day must spend to land on the budget (0 when already over). */
  requiredDailyMicros: bigint;
  daysElapsed: number;
  daysInMonth: number;
}

export interface CurrencySection {
  currency: string;
  kpis: Kpis;
  previous: Kpis;
  delta: KpiDelta;
  /** One point per day of the period, zero-filled. */
  daily: DailyPoint[];
  /** Sorted by spend, largest first. */
  platforms: PlatformRow[];
  /** Sorted by spend, largest first; ad sets sorted by spend under each. */
  campaigns: CampaignRow[];
  /** When config gives the advertiser a monthly budget in this currency. */
  pacing?: Pacing;
  /** Tracker totals per tracker currency (this currency first); absent when the advertiser has no tracker apps. */
  tracker?: SectionTrackerTotals[];
}

/** A budget change from budget_ledger joined with its plan (budget_plans): who approved, from → to, why. */
export interface ActionRow {
  at: string;
  platform: Platform;
  accountId: string;
  entityId: string;
  name: string;
  currency: string;
  fromMicros: bigint;
  toMicros: bigint;
  /** applied | conflict | refused | failed */
  status: string;
  /** approved | automatic (and who) */
  decidedBy: string;
  reason: string;
  planId: string;
}

export interface FreshnessRow {
  platform: Platform;
  accountId: string;
  accountName: string;
  /** When the account was last pulled (ISO instant), null if never. */
  lastPulledAt: string | null;
  /** Last day stored for the account. */
  pulledThrough: IsoDate | null;
  /** Days of the period not settled yet (may still move: restatement window). */
  unsettledDays: IsoDate[];
}

export interface ReportModel {
  advertiserId: string;
  advertiserName: string;
  period: ReportPeriod;
  from: IsoDate;
  to: IsoDate;
  previousFrom: IsoDate;
  previousTo: IsoDate;
  timeZone: string;
  generatedAt: string;
  sections: CurrencySection[];
  actions: ActionRow[];
  freshness: FreshnessRow[];
  /** Present when config/trackers.yaml lists apps of the advertiser: every format then shows tracker figures. */
  trackers?: TrackerReport;
}
