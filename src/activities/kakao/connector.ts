import { kakaoFailure } from '../../platforms/kakao/errors';
import {
  parseKakaoAdAccount,
  parseKakaoCampaignDetail,
  parseKakaoCampaignList,
  parseKakaoReport,
  type KakaoCampaignListItem,
} from '../../platforms/kakao/parse';
import {
  compareKakaoIds,
  decodeReportCursor,
  encodeReportCursor,
  planReportCall,
} from '../../platforms/kakao/report-plan';
import { KAKAO_METRICS_GROUPS } from '../../platforms/kakao/wire';
import type { ConnectorContext, PlatformConnector, RawExchange } from '../connector';
import { redactSecret } from '../credentials';
import { send, type RequestPolicy } from '../http/client';
import { kakaoReportPacer } from './report-pacer';
import { jsonBodyOf, safeJson } from '../http/json';

const DEFAULT_REPORT_INTERVAL_SECONDS = 5; // docs kakaomoment/report: one call per 5 s per ad account

/** Entity pages after the list: "campaign:<id>" = fetch the detail of the first campaign with an id ≥ <id>. */
const CAMPAIGN_CURSOR = /^campaign:(\d+)$/;

interface Listing {
  campaigns: KakaoCampaignListItem[];
  exchange: RawExchange;
}

/**
 * Kakao Moment (openapi/v4): ad account, campaign list + detail (for budgets), daily campaign report. Every call
 * carries the business token and the adAccountId header (reference §4.1); report calls are paced per ad account.
 */
export function createKakaoConnector(ctx: ConnectorContext): PlatformConnector {
  const { account, settings } = ctx;
  const accessToken = ctx.credential('accessToken');
  const root = `${ctx.baseUrl.replace(/\/$/, '')}/openapi/${settings.apiVersion ?? 'v4'}`;
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

  async function get(
    path: string,
    params: Record<string, string>,
    callPolicy: RequestPolicy = policy,
  ): Promise<{ body: unknown; exchange: RawExchange }> {
    const url = `${root}/${path}`;
    // Token and account id travel in headers, so neither the stored URL nor the params ever hold the secret.
    const response = await send(
      {
        method: 'GET',
        url,
        params,
        headers: { Authorization: `Bearer ${accessToken}`, adAccountId: account.accountId },
      },
      callPolicy,
    );
    const body = jsonBodyOf(response);
    const exchange = {
      request: { method: 'GET', url, params },
      status: response.status,
      body: redactSecret(response.text, accessToken),
    };
    return { body, exchange };
  }

  // The list is needed by entity pages and metric pages alike; one call per connector (= per activity attempt).
  let listing: Promise<Listing> | undefined;
  const campaignList = () => {
    // No `config` filter: unverified default of ON,OFF as for ad accounts (docs kakaomoment/ad-account).
    listing ??= get('campaigns', {}).then(
      ({ body, exchange }) => ({ campaigns: parseKakaoCampaignList(body).filter((c) => c.config !== 'DEL'), exchange }),
      (err: unknown) => {
        listing = undefined; // a failed list is not remembered: the next page asks again
        throw err;
      },
    );
    return listing;
  };

  return {
    async describeAccount() {
      const { body, exchange } = await get(`adAccounts/${account.accountId}`, {});
      const described = parseKakaoAdAccount(body, account.accountId);
      return { currency: described.currency, timeZone: described.timeZone, exchange };
    },

    async fetchEntities(cursor) {
      const { campaigns, exchange } = await campaignList();
      const ids = campaigns.map((c) => c.id).sort(compareKakaoIds);
      if (cursor === null) {
        // Page 0 is the list itself; budgets come from one detail call per campaign (not a report call, so the
        // 5-second rule does not apply).
        return { items: [], next: ids[0] ? `campaign:${ids[0]}` : null, exchange };
      }
      const from = CAMPAIGN_CURSOR.exec(cursor)?.[1];
      if (from === undefined) throw new Error(`not a Kakao entity cursor: ${JSON.stringify(cursor)}`);
      const index = ids.findIndex((id) => compareKakaoIds(id, from) >= 0);
      const id = ids[index];
      if (id === undefined) return { items: [], next: null, exchange }; // gone since the cursor was written
      const detail = await get(`campaigns/${id}`, {});
      const following = ids[index + 1];
      return {
        items: [parseKakaoCampaignDetail(detail.body, accountContext)],
        next: following ? `campaign:${following}` : null,
        exchange: detail.exchange,
      };
    },

    async fetchMetrics(range, cursor) {
      const { campaigns, exchange: listExchange } = await campaignList();
      const { call, next } = planReportCall(
        range,
        campaigns.map((c) => c.id),
        decodeReportCursor(cursor),
      );
      if (!call) return { items: [], next: null, exchange: listExchange }; // no campaigns: nothing to report
      const { body, exchange } = await get(
        'campaigns/report',
        {
          campaignId: call.campaignIds.join(','),
          start: compactDate(call.from),
          end: compactDate(call.to),
          timeUnit: 'DAY',
          metricsGroup: KAKAO_METRICS_GROUPS.join(','),
        },
        reportPolicy,
      );
      const campaignNames = new Map(campaigns.map((c) => [c.id, c.name]));
      const items = parseKakaoReport(body, { ...accountContext, campaignNames });
      return { items, next: next ? encodeReportCursor(next) : null, exchange };
    },
  };
}

/** Report dates go out as yyyyMMdd (docs kakaomoment/report). */
function compactDate(date: string): string {
  return date.replaceAll('-', '');
}
