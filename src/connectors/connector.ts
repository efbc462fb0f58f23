import type { AccountConfig, PlatformSettings } from '../config/schema';
import type { IsoDate } from '../domain/dates';
import type { EntityLevel, MetricRow } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import type { EntitySnapshot } from '../domain/metrics';
import type { RequestPolicy } from './http-client';

/** The request and the body as kept in raw_pulls: secrets already removed. */
export interface RawExchange {
  request: { method: string; url: string; params: Record<string, string> };
  status: number;
  body: string;
}

export interface ConnectorPage<T> {
  items: T[];
  /** Opaque, secret-free cursor for the next page; null on the last page. Heartbeated after the page is stored. */
  next: string | null;
  exchange: RawExchange;
}

/** What one platform must provide for a pull. One instance per (account, activity attempt). */
export interface PlatformConnector {
  describeAccount(): Promise<{ currency: string; timeZone: string; exchange: RawExchange }>;
  /** Campaigns, or ad sets / ad groups (each with its campaignId), one page at a time. */
  fetchEntities(level: EntityLevel, cursor: string | null): Promise<ConnectorPage<EntitySnapshot>>;
  /** Daily rows of one level for [from, to], one page at a time. */
  fetchMetrics(
    level: EntityLevel,
    range: { from: IsoDate; to: IsoDate },
    cursor: string | null,
  ): Promise<ConnectorPage<MetricRow>>;
}

/** Everything a platform connector gets; identical for every platform. */
export interface ConnectorContext {
  platform: Platform;
  account: AccountConfig;
  advertiserId: string;
  settings: PlatformSettings;
  /** ADOPS_<PLATFORM>_BASE_URL if set (sandbox, proxy), else settings.baseUrl (the live API). */
  baseUrl: string;
  /** Reads the secret named by account.credentials[key] from the environment; fails non-retryably if unset. */
  credential(key: string): string;
  /** Pacing, timeouts, cancellation and in-attempt retry limits; the connector adds its own `classify`. */
  policy: Omit<RequestPolicy, 'classify'>;
  /** Whether a report date is settled for this account (platform restatement rule, account time zone). */
  isMature(date: IsoDate): boolean;
  now(): Date;
}

export type ConnectorFactory = (ctx: ConnectorContext) => PlatformConnector;

/** What a parser needs of the account it parses for: who owns it, its currency and zone, and when a day settles. */
export interface ParseContext {
  advertiserId: string;
  accountId: string;
  currency: string;
  timeZone: string;
  isMature(date: IsoDate): boolean;
}

export function parseContextOf(ctx: ConnectorContext): ParseContext {
  return {
    advertiserId: ctx.advertiserId,
    accountId: ctx.account.accountId,
    currency: ctx.account.currency,
    timeZone: ctx.account.timeZone,
    isMature: (date) => ctx.isMature(date),
  };
}
