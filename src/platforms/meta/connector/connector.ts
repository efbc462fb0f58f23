import type { EntityLevel } from '../../../domain/metrics';
import { classifyMetaError } from '../errors';
import { parseMetaAccount, parseMetaEntitiesPage, parseMetaInsightsPage } from '../parse';
import { type ConnectorContext, type PlatformConnector, parseContextOf } from '../../../connectors/connector';
import { safeJson } from '../../../connectors/json-body';
import { metaGraph } from './graph';

const COMMON_INSIGHTS_FIELDS = [
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
];

/** Per level: the insights fields and the edge that lists the entities (docs marketing-api/insights/parameters). */
const LEVELS: Record<EntityLevel, { insightsFields: string; edge: string; entityFields: string }> = {
  campaign: {
    insightsFields: COMMON_INSIGHTS_FIELDS.join(','),
    edge: 'campaigns',
    entityFields: 'id,name,status,effective_status,objective,daily_budget',
  },
  adset: {
    insightsFields: [...COMMON_INSIGHTS_FIELDS, 'adset_id', 'adset_name'].join(','),
    edge: 'adsets',
    entityFields: 'id,name,campaign_id,status,effective_status,daily_budget',
  },
};

/** Meta Marketing API: daily insights per campaign and ad set, both with their budgets, and account metadata. */
export function createMetaConnector(options: ConnectorContext): PlatformConnector {
  const { account, settings } = options;
  const { get } = metaGraph(options, (exchange) =>
    exchange.status >= 200 && exchange.status < 300
      ? null
      : classifyMetaError(exchange.status, safeJson(exchange.text), exchange.headers),
  );

  const context = () => parseContextOf(options);

  return {
    async describeAccount() {
      const { body, exchange } = await get(account.accountId, { fields: 'name,currency,timezone_name,account_status' });
      return { ...parseMetaAccount(body), exchange };
    },
    async fetchEntities(level, cursor) {
      const params: Record<string, string> = { fields: LEVELS[level].entityFields, limit: String(settings.pageSize) };
      if (cursor) params.after = cursor;
      const { body, exchange } = await get(`${account.accountId}/${LEVELS[level].edge}`, params);
      const page = parseMetaEntitiesPage(body, context(), level);
      return { items: page.items, next: page.after, exchange };
    },
    async fetchMetrics(level, range, cursor) {
      const params: Record<string, string> = {
        level,
        time_increment: '1',
        time_range: JSON.stringify({ since: range.from, until: range.to }),
        fields: LEVELS[level].insightsFields,
        limit: String(settings.pageSize),
      };
      if (cursor) params.after = cursor;
      const { body, exchange } = await get(`${account.accountId}/insights`, params);
      const page = parseMetaInsightsPage(body, context(), level);
      return { items: page.items, next: page.after, exchange };
    },
  };
}
