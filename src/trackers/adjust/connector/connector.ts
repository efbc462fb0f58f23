import type { AdjustSettings } from '../../../config/trackers-schema';
import type { RawExchange } from '../../../connectors/connector';
import { send, type HttpExchange, type RequestPolicy } from '../../../connectors/http-client';
import { jsonBodyOf } from '../../../connectors/json-body';
import type { TrackerConnector, TrackerConnectorContext } from '../../../connectors/tracker';
import { chunkRange } from '../../../domain/dates';
import { mergeTrackerRows, trackerMaturity, type TrackerDailyRow } from '../../../domain/trackers';
import { classifyAdjustError } from '../errors';
import { parseAdjustReport } from '../parse';
import { utcOffsetRuns } from '../utc-offset';
import { ADJUST_REPORT_PATH, adjustReportParams } from '../wire';

/**
 * Adjust Report Service: one JSON report per range of days that share a UTC offset (a daylight-saving change splits
 * the range). Requests are paced below the per-IP rate in this process; a 429 (the rate is per source IP, so other
 * processes behind the same NAT count too) is retried after the back-off floor.
 */
export function createAdjustConnector(ctx: TrackerConnectorContext<AdjustSettings>): TrackerConnector {
  const { settings } = ctx;
  const url = `${ctx.baseUrl.replace(/\/$/, '')}${ADJUST_REPORT_PATH}`;
  const policy: RequestPolicy = {
    ...ctx.policy,
    classify: (exchange: HttpExchange) =>
      exchange.status >= 200 && exchange.status < 300
        ? null
        : classifyAdjustError(exchange.status, exchange.text, exchange.headers),
  };

  return {
    async pull(app, range) {
      if (app.tracker !== 'adjust') throw new Error(`app ${app.id} is tracked by ${app.tracker}, not adjust`);
      const token = ctx.credential(app, 'apiToken');
      const eventSlugs = app.events ?? [];
      const isMature = trackerMaturity(ctx.now(), app.timeZone, settings.restatementWindowDays);
      const rows: TrackerDailyRow[] = [];
      const exchanges: RawExchange[] = [];
      for (const chunk of chunkRange(range.from, range.to, settings.maxRangeDays)) {
        for (const run of utcOffsetRuns(chunk, app.timeZone)) {
          const params = adjustReportParams({
            appToken: app.appId,
            range: run,
            utcOffset: run.utcOffset,
            attributionTypes: settings.attributionTypes,
            attributionSource: settings.attributionSource,
            cohortMaturity: settings.cohortMaturity,
            eventSlugs,
          });
          const response = await send(
            { method: 'GET', url, params, headers: { Authorization: `Bearer ${token}` } },
            policy,
          );
          exchanges.push({ request: { method: 'GET', url, params }, status: response.status, body: response.text });
          // 204 No Content: nothing happened in the range (dev.adjust.com/en/api/rs-api/reports).
          const body = response.status === 204 || response.text === '' ? null : jsonBodyOf(response);
          const context = {
            app: app.id,
            appId: app.appId,
            advertiserId: ctx.advertiserOf(app),
            currency: app.currency,
            timeZone: app.timeZone,
            range: run,
            isMature,
          };
          rows.push(...parseAdjustReport(body, context, eventSlugs));
        }
      }
      return { rows: mergeTrackerRows(rows), exchanges };
    },
  };
}
