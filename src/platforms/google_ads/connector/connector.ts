import { classifyGoogleAdsError, isPageTokenError } from '../errors';
import { parseEntitiesPage } from '../entities';
import { customerQuery, dailyMetricsQuery, entitiesQuery } from '../gaql';
import { parseCustomer, parseDailyMetricsPage } from '../parse';
import {
  type ConnectorContext,
  type PlatformConnector,
  type RawExchange,
  parseContextOf,
} from '../../../connectors/connector';
import type { RequestPolicy } from '../../../connectors/http-client';
import { jsonBodyOf, safeJson } from '../../../connectors/json-body';
import { googleAdsClient } from './client';

interface SearchResult {
  body: unknown;
  exchange: RawExchange;
}

/**
 * Google Ads API (REST): GoogleAdsService.Search with GAQL for the customer, its campaigns with budgets, its ad
 * groups, and daily metrics of either level (reference §2). Both levels use the same endpoint, paging and pacing:
 * one GAQL query per level over the whole range. The page token is the cursor: it is opaque and carries no secret.
 */
export function createGoogleAdsConnector(options: ConnectorContext): PlatformConnector {
  const client = googleAdsClient(options);

  /** One search page. With `tolerateTokenError`, a refused page token comes back as null instead of failing. */
  async function post(
    query: string,
    pageToken: string | null,
    tolerateTokenError: boolean,
  ): Promise<SearchResult | null> {
    const classify: RequestPolicy['classify'] = (exchange) => {
      if (exchange.status >= 200 && exchange.status < 300) return null;
      const body = safeJson(exchange.text);
      if (tolerateTokenError && isPageTokenError(exchange.status, body)) return null;
      return classifyGoogleAdsError(exchange.status, body);
    };
    const params: Record<string, string> = pageToken ? { query, pageToken } : { query };
    const { response, exchange } = await client.post('googleAds:search', params, params, classify);
    if (response.status < 200 || response.status >= 300) return null; // the tolerated page-token error
    return { body: jsonBodyOf(response), exchange };
  }

  /**
   * A page of `query`. A page token that expired (about 2 h unused) or no longer matches is refused with
   * requestError INVALID_PAGE_TOKEN / EXPIRED_PAGE_TOKEN: then the query restarts from page 1 (reference §8 row 9).
   * Rows already stored are upserted again, which is harmless.
   */
  async function searchPage(query: string, cursor: string | null): Promise<SearchResult> {
    if (cursor) {
      const page = await post(query, cursor, true);
      if (page) return page;
    }
    return (await post(query, null, false)) as SearchResult;
  }

  const context = () => parseContextOf(options);

  return {
    async describeAccount() {
      const { body, exchange } = await searchPage(customerQuery(), null);
      return { ...parseCustomer(body), exchange };
    },
    async fetchEntities(level, cursor) {
      const { body, exchange } = await searchPage(entitiesQuery(level), cursor);
      const page = parseEntitiesPage(body, context(), level);
      return { items: page.items, next: page.nextPageToken, exchange };
    },
    async fetchMetrics(level, range, cursor) {
      const { body, exchange } = await searchPage(dailyMetricsQuery(range, level), cursor);
      const page = parseDailyMetricsPage(body, context(), range, level);
      return { items: page.items, next: page.nextPageToken, exchange };
    },
  };
}
