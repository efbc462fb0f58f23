import { kakaoFailure } from '../errors';
import { parseKakaoAdAccount } from '../parse';
import { parseKakaoAdGroupReport, parseKakaoReport } from '../parse-report';
import { decodeReportCursor, encodeReportCursor, planReportCall } from '../report-plan';
import { KAKAO_METRICS_GROUPS, KAKAO_REPORT_LEVELS } from '../wire';
import type { ConnectorContext, PlatformConnector, RawExchange } from '../../../connectors/connector';
import type { RequestPolicy } from '../../../connectors/http-client';
import { jsonBodyOf, safeJson } from '../../../connectors/json-body';
import { kakaoClient } from './client';
import { adGroupEntityPage, campaignEntityPage } from './entity-pages';
import { kakaoListings, type KakaoAdGroupRef } from './listings';
import { kakaoReportPacer } from './report-pacer';

const DEFAULT_REPORT_INTERVAL_SECONDS = 5; // docs kakaomoment/report: one call per 5 s per ad account

/**
 * Kakao Moment (openapi/v4): ad account, campaign list + details (for budgets), ad group lists + details, and the
 * daily `/campaigns/report` and `/adGroups/report`. Every call carries the business token and the adAccountId header
 * (reference §4.1); report calls of both levels share one pacer per ad account, as Kakao's 5-second rule does.
 */
export function createKakaoConnector(ctx: ConnectorContext): PlatformConnector {
  const { account, settings } = ctx;
  const reportIntervalMs = (settings.perAccountIntervalSeconds ?? DEFAULT_REPORT_INTERVAL_SECONDS) * 1000;
  const policy: RequestPolicy = {
    ...ctx.policy,
    classify: (exchange) => kakaoFailure(exchange.status, safeJson(exchange.text), { reportIntervalMs }),
  };
  const reportPolicy: RequestPolicy = {
    ...policy,
    pacer: kakaoReportPacer(account.accountId, reportIntervalMs, ctx.policy.pacer),
  };
  const accountContext = {
    advertiserId: ctx.advertiserId,
    accountId: account.accountId,
    isMature: ctx.isMature,
  };

  const call = kakaoClient(ctx);
  async function get(
    path: string,
    params: Record<string, string>,
    callPolicy: RequestPolicy = policy,
  ): Promise<{ body: unknown; exchange: RawExchange }> {
    const { response, exchange } = await call('GET', path, params, callPolicy);
    return { body: jsonBodyOf(response), exchange };
  }

  const listings = kakaoListings(get);
  const entityDeps = { get, listings, context: accountContext };

  return {
    async describeAccount() {
      const { body, exchange } = await get(`adAccounts/${account.accountId}`, {});
      const described = parseKakaoAdAccount(body, account.accountId);
      return { currency: described.currency, timeZone: described.timeZone, exchange };
    },

    fetchEntities(level, cursor) {
      return level === 'campaign' ? campaignEntityPage(entityDeps, cursor) : adGroupEntityPage(entityDeps, cursor);
    },

    /** One report call per page: window × id batch of the level's endpoint (report-plan.ts). */
    async fetchMetrics(level, range, cursor) {
      const spec = KAKAO_REPORT_LEVELS[level];
      const { items: campaigns, exchange: listExchange } = await listings.campaigns();
      const campaignNames = new Map(campaigns.map((c) => [c.id, c.name]));
      // Ad group rows name neither ad group nor campaign: the lists of every campaign supply both.
      const adGroups = level === 'adset' ? await listings.allAdGroups() : new Map<string, KakaoAdGroupRef>();
      const ids = level === 'campaign' ? [...campaignNames.keys()] : [...adGroups.keys()];
      const { call, next } = planReportCall(range, ids, decodeReportCursor(cursor), spec.batch);
      if (!call) return { items: [], next: null, exchange: listExchange }; // nothing to report on
      const { body, exchange } = await get(
        spec.path,
        {
          [spec.idParam]: call.ids.join(','),
          start: compactDate(call.from),
          end: compactDate(call.to),
          timeUnit: 'DAY',
          metricsGroup: KAKAO_METRICS_GROUPS.join(','),
        },
        reportPolicy,
      );
      const items =
        level === 'campaign'
          ? parseKakaoReport(body, { ...accountContext, campaignNames })
          : parseKakaoAdGroupReport(body, { ...accountContext, adGroups });
      return { items, next: next ? encodeReportCursor(next) : null, exchange };
    },
  };
}

/** Report dates go out as yyyyMMdd (docs kakaomoment/report). */
function compactDate(date: string): string {
  return date.replaceAll('-', '');
}
