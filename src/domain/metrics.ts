import type { IsoDate } from './dates';
import type { Platform } from './platforms';

/** Campaign, and the level below it where the platform has one (Meta ad set; Google, Naver, Kakao, TikTok ad group). */
export type EntityLevel = 'campaign' | 'adset';
export const ENTITY_LEVELS = ['campaign', 'adset'] as const satisfies readonly EntityLevel[];

/** One row of the cross-platform daily metrics schema (collection metrics_daily). Money in integer micros. */
export interface MetricRow {
  platform: Platform;
  accountId: string;
  advertiserId: string;
  level: EntityLevel;
  entityId: string;
  entityName: string;
  /** The parent campaign of an ad set row, so reports can roll ad sets up; absent on campaign rows. */
  campaignId?: string;
  /** Calendar date in the account's time zone. */
  date: IsoDate;
  currency: string;
  timeZone: string;
  impressions: number;
  clicks: number;
  spendMicros: bigint;
  /** Can be fractional on some platforms (Google Ads data-driven attribution). */
  conversions: number;
  conversionValueMicros: bigint;
  /** True once the platform's restatement window has passed: the values will not change any more. */
  mature: boolean;
  /** Set when the platform reports spend including VAT (Naver salesAmt); spend is stored as reported. */
  vatIncluded?: boolean;
}

/** A campaign or ad set as last listed by its platform (collection entities). Every parser produces these. */
export interface EntitySnapshot {
  platform: Platform;
  accountId: string;
  advertiserId: string;
  level: EntityLevel;
  entityId: string;
  /** The parent campaign of an ad set; absent on campaigns. */
  campaignId?: string;
  name: string;
  status: string;
  currency: string;
  /** Current daily budget in micros; null when the budget lives elsewhere (ad sets, shared budget). */
  dailyBudgetMicros: bigint | null;
}

/** The natural key as one string; it is the document _id, so an upsert can never create a duplicate. */
export function metricRowId(row: Pick<MetricRow, 'platform' | 'accountId' | 'level' | 'entityId' | 'date'>): string {
  return [row.platform, row.accountId, row.level, row.entityId, row.date].join('|');
}

const COMPARED_FIELDS = [
  'entityName',
  'campaignId',
  'currency',
  'timeZone',
  'impressions',
  'clicks',
  'spendMicros',
  'conversions',
  'conversionValueMicros',
  'mature',
  'advertiserId',
] as const satisfies ReadonlyArray<keyof MetricRow>;

/** True when a stored row already holds exactly these values (the upsert would change nothing). */
export function sameMetricValues(stored: Partial<MetricRow>, incoming: MetricRow): boolean {
  return COMPARED_FIELDS.every((field) => stored[field] === incoming[field]);
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export function addCounts(a: UpsertCounts, b: UpsertCounts): UpsertCounts {
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
}

export const ZERO_COUNTS: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
