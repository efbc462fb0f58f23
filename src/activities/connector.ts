import type { IsoDate } from '../domain/dates';
import type { MetricRow } from '../domain/metrics';
import type { EntitySnapshot } from '../storage/entities-store';

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
  fetchEntities(cursor: string | null): Promise<ConnectorPage<EntitySnapshot>>;
  fetchMetrics(range: { from: IsoDate; to: IsoDate }, cursor: string | null): Promise<ConnectorPage<MetricRow>>;
}
