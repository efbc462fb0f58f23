import { classifyMetaError } from '../../platforms/meta/errors';
import { parseMetaAccount, parseMetaCampaignsPage, parseMetaInsightsPage } from '../../platforms/meta/parse';
import type { ConnectorContext, PlatformConnector, RawExchange } from '../connector';
import { redactSecret } from '../credentials';
import { send, type HttpExchange, type RequestPolicy } from '../http/client';
import { jsonBodyOf, safeJson } from '../http/json';

const INSIGHTS_FIELDS = [
  'campaign_id',
  'campaign_name',
  'spend',
  'impressions',
  'clicks',
  'actions',
  'action_values',
  'account_currency',
  'date_start',
  'date_stop',
].join(',');

/** Meta Marketing API: insights (campaign level, daily), campaigns with budgets, account metadata. */
export function createMetaConnector(options: ConnectorContext): PlatformConnector {
  const { account, settings } = options;
  const accessToken = options.credential('accessToken');
  const root = `${options.baseUrl.replace(/\/$/, '')}/${settings.apiVersion ?? 'v23.0'}`;
  const policy: RequestPolicy = {
    ...options.policy,
    classify: (exchange) =>
      exchange.status >= 200 && exchange.status < 300
        ? null
        : classifyMetaError(exchange.status, safeJson(exchange.text), exchange.headers),
  };

  async function get(path: string, params: Record<string, string>): Promise<{ body: unknown; exchange: RawExchange }> {
    const url = `${root}/${path}`;
    // The token goes in the Authorization header so it is never part of a URL we store or log.
    const response: HttpExchange = await send(
      { method: 'GET', url, params, headers: { Authorization: `Bearer ${accessToken}` } },
      policy,
    );
    const text = redactSecret(response.text, accessToken);
    const body = jsonBodyOf(response);
    return { body, exchange: { request: { method: 'GET', url, params }, status: response.status, body: text } };
  }

  const context = () => ({
    advertiserId: options.advertiserId,
    accountId: account.accountId,
    currency: account.currency,
    timeZone: account.timeZone,
    isMature: options.isMature,
  });

  return {
    async describeAccount() {
      const { body, exchange } = await get(account.accountId, { fields: 'name,currency,timezone_name,account_status' });
      return { ...parseMetaAccount(body), exchange };
    },
    async fetchEntities(cursor) {
      const params: Record<string, string> = {
        fields: 'id,name,status,effective_status,objective,daily_budget',
        limit: String(settings.pageSize),
      };
      if (cursor) params.after = cursor;
      const { body, exchange } = await get(`${account.accountId}/campaigns`, params);
      const page = parseMetaCampaignsPage(body, context());
      return { items: page.items, next: page.after, exchange };
    },
    async fetchMetrics(range, cursor) {
      const params: Record<string, string> = {
        level: 'campaign',
        time_increment: '1',
        time_range: JSON.stringify({ since: range.from, until: range.to }),
        fields: INSIGHTS_FIELDS,
        limit: String(settings.pageSize),
      };
      if (cursor) params.after = cursor;
      const { body, exchange } = await get(`${account.accountId}/insights`, params);
      const page = parseMetaInsightsPage(body, context());
      return { items: page.items, next: page.after, exchange };
    },
  };
}
