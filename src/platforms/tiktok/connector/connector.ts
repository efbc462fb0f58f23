import { ApplicationFailure } from '@temporalio/common';
import { ResponseFormatError } from '../../../connectors/errors';
import { classifyTiktokResponse } from '../errors';
import { parseTiktokAdvertiser, parseTiktokEntitiesPage, parseTiktokReportPage } from '../parse';
import { TIKTOK_ADVERTISER_FIELDS, TIKTOK_LEVELS, TIKTOK_MAX_PAGE_SIZE, TIKTOK_REPORT } from '../wire';
import type { ConnectorContext, PlatformConnector, RawExchange } from '../../../connectors/connector';
import type { RequestPolicy } from '../../../connectors/http-client';
import { FAILURE_TYPES } from '../../../connectors/failures';
import { jsonBodyOf, safeJson } from '../../../connectors/json-body';
import { tiktokClient } from './client';
import {
  decodePageCursor,
  decodeReportCursor,
  encodeReportCursor,
  nextPageCursor,
  nextReportPosition,
  reportWindows,
} from './cursor';

/**
 * TikTok API for Business: advertiser info, campaigns and ad groups with budgets, the daily report at both levels
 * (reference §5). Both levels page and window identically; only the names in wire.ts TIKTOK_LEVELS differ.
 */
export function createTiktokConnector(ctx: ConnectorContext): PlatformConnector {
  const { account, settings } = ctx;
  const pageSize = String(Math.min(settings.pageSize, TIKTOK_MAX_PAGE_SIZE));
  const policy: RequestPolicy = {
    ...ctx.policy,
    // Failures hide inside HTTP 200 (code ≠ 0), so every response goes through the classifier.
    classify: (exchange) => classifyTiktokResponse(exchange.status, safeJson(exchange.text)),
  };

  const client = tiktokClient(ctx);
  async function get(path: string, params: Record<string, string>): Promise<{ body: unknown; exchange: RawExchange }> {
    const { response, exchange } = await client.get(path, params, policy);
    return { body: jsonBodyOf(response), exchange };
  }

  // TikTok's advertiser id is the account id; ctx.advertiserId is the engine's advertiser (brand) slug.
  const tiktokAdvertiserId = account.accountId;
  const context = {
    advertiserId: ctx.advertiserId,
    accountId: account.accountId,
    currency: account.currency,
    timeZone: account.timeZone,
    isMature: ctx.isMature,
  };

  return {
    async describeAccount() {
      const { body, exchange } = await get('advertiser/info', {
        advertiser_ids: JSON.stringify([tiktokAdvertiserId]),
        fields: JSON.stringify(TIKTOK_ADVERTISER_FIELDS),
      });
      return { ...parseTiktokAdvertiser(body, tiktokAdvertiserId), exchange };
    },
    async fetchEntities(level, cursor) {
      const names = TIKTOK_LEVELS[level];
      const page = resumable(() => decodePageCursor(cursor));
      const { body, exchange } = await get(names.listPath, {
        advertiser_id: tiktokAdvertiserId,
        fields: JSON.stringify(names.listFields),
        page: String(page),
        page_size: pageSize,
      });
      const parsed = parseTiktokEntitiesPage(body, context, level);
      return { items: parsed.items, next: nextPageCursor(parsed.page, parsed.totalPage), exchange };
    },
    async fetchMetrics(level, range, cursor) {
      const names = TIKTOK_LEVELS[level];
      const windows = reportWindows(range);
      const position = resumable(() => decodeReportCursor(cursor));
      const window = windows[position.window];
      if (!window) throw resumeFailure(`report cursor ${cursor} points past the last window`);
      const { body, exchange } = await get('report/integrated/get', {
        advertiser_id: tiktokAdvertiserId,
        service_type: TIKTOK_REPORT.serviceType,
        report_type: TIKTOK_REPORT.reportType,
        data_level: names.dataLevel,
        dimensions: JSON.stringify(names.dimensions),
        metrics: JSON.stringify(names.metrics),
        start_date: window.from,
        end_date: window.to,
        page: String(position.page),
        page_size: pageSize,
      });
      const parsed = parseTiktokReportPage(body, context, level);
      if (parsed.page !== position.page) {
        throw new ResponseFormatError('data.page_info.page', `asked for page ${position.page}, got ${parsed.page}`);
      }
      const next = nextReportPosition(position, parsed.totalPage, windows.length);
      return { items: parsed.items, next: next && encodeReportCursor(next), exchange };
    },
  };
}

function resumable<T>(decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    throw resumeFailure((err as Error).message);
  }
}

/** A heartbeated cursor this code cannot read is a bug, not something a retry fixes. */
function resumeFailure(detail: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`tiktok connector cannot resume: ${detail}`, FAILURE_TYPES.config);
}
