import { AbortError } from 'p-retry';
import type { AppsflyerSettings } from '../../../config/trackers-schema';
import type { RawExchange } from '../../../connectors/connector';
import { send, type HttpExchange, type RequestPolicy } from '../../../connectors/http-client';
import { pacerFor, RequestPacer } from '../../../connectors/rate-limiter';
import {
  msUntilUtcMidnight,
  TrackerQuotaExhausted,
  type TrackerConnector,
  type TrackerConnectorContext,
  type TrackerParseContext,
} from '../../../connectors/tracker';
import { chunkRange, daysBetween } from '../../../domain/dates';
import { mergeTrackerRows, trackerMaturity, type TrackerDailyRow } from '../../../domain/trackers';
import { classifyAppsflyerError } from '../errors';
import { parseAppsflyerReport } from '../parse';
import { afReportParams, afReportPath } from '../wire';

/** A little over the documented minute, so network jitter never lands two calls inside AppsFlyer's window. */
const SHORT_RANGE_SAFETY = 1.05;
const SHORT_RANGE_SAFETY_MS = 250;

/**
 * AppsFlyer Pull API aggregate: the partners-by-date report (and its retargeting twin) per app. Every call is paced
 * before it is sent: ranges of up to 2 days one per minute per app and report (per process; the task queue paces
 * the fleet), longer ranges only after the daily quota (per app and per account, 00:00 UTC) granted a call, since
 * AppsFlyer answers a spent quota with a bare 403 and no hint of when to come back.
 */
export function createAppsflyerConnector(ctx: TrackerConnectorContext<AppsflyerSettings>): TrackerConnector {
  const { settings } = ctx;
  const root = ctx.baseUrl.replace(/\/$/, '');

  function pacerOf(appId: string, account: string, retargeting: boolean, short: boolean): RequestPacer {
    const report = retargeting ? 'retargeting' : 'ua';
    if (short) {
      const perSecond = 1000 / (settings.shortRangeIntervalSeconds * 1000 * SHORT_RANGE_SAFETY + SHORT_RANGE_SAFETY_MS);
      return new ChainedPacer([
        pacerFor(`appsflyer:minute:${appId}:${report}:${perSecond}`, perSecond),
        ctx.policy.pacer,
      ]);
    }
    const keys = [
      { key: `appsflyer:app:${appId}`, limit: settings.dailyQuotaPerApp },
      { key: `appsflyer:account:${account}`, limit: settings.dailyQuotaPerAccount },
    ];
    return new ChainedPacer([ctx.policy.pacer], async () => {
      const now = ctx.now();
      if (!(await ctx.quota.take(keys, now))) {
        const spent = `${keys.map((k) => `${k.key} (${k.limit}/day)`).join(' or ')}`;
        throw new AbortError(new TrackerQuotaExhausted('appsflyer', spent, msUntilUtcMidnight(now)));
      }
    });
  }

  return {
    async pull(app, range) {
      if (app.tracker !== 'appsflyer') throw new Error(`app ${app.id} is tracked by ${app.tracker}, not appsflyer`);
      const token = ctx.credential(app, 'apiToken');
      const parseContext: TrackerParseContext = {
        app: app.id,
        appId: app.appId,
        advertiserId: ctx.advertiserOf(app),
        currency: app.currency,
        timeZone: app.timeZone,
        range,
        isMature: trackerMaturity(ctx.now(), app.timeZone, settings.restatementWindowDays),
      };
      const rows: TrackerDailyRow[] = [];
      const exchanges: RawExchange[] = [];
      for (const chunk of chunkRange(range.from, range.to, settings.maxRangeDays)) {
        const short = daysBetween(chunk.from, chunk.to) + 1 <= settings.shortRangeMaxDays;
        for (const retargeting of settings.retargeting ? [false, true] : [false]) {
          const url = `${root}${afReportPath(app.appId)}`;
          const params = afReportParams(chunk, app.timeZone, retargeting);
          const policy: RequestPolicy = {
            ...ctx.policy,
            pacer: pacerOf(app.appId, app.account ?? 'default', retargeting, short),
            classify: (exchange: HttpExchange) => {
              if (exchange.status >= 200 && exchange.status < 300) return null;
              const failure = classifyAppsflyerError(exchange.status, exchange.text);
              if (failure.kind !== 'rate_limited') return failure;
              const wait = short ? settings.shortRangeIntervalSeconds * 1000 : msUntilUtcMidnight(ctx.now());
              return { ...failure, retryAfterMs: wait };
            },
          };
          const response = await send(
            { method: 'GET', url, params, headers: { Authorization: `Bearer ${token}`, Accept: 'text/csv' } },
            policy,
          );
          exchanges.push({ request: { method: 'GET', url, params }, status: response.status, body: response.text });
          rows.push(...parseAppsflyerReport(response.text, { ...parseContext, range: chunk }, retargeting));
        }
      }
      return { rows: mergeTrackerRows(rows), exchanges };
    },
  };
}

/** Waits on each pacer in turn, then runs `admit` (a quota that refuses throws): one gate per HTTP attempt. */
class ChainedPacer extends RequestPacer {
  constructor(
    private readonly pacers: RequestPacer[],
    private readonly admit?: () => Promise<void>,
  ) {
    super(1);
  }

  override async wait(signal?: AbortSignal): Promise<void> {
    for (const pacer of this.pacers) await pacer.wait(signal);
    await this.admit?.();
  }
}
