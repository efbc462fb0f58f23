import type { IsoDate } from '../../../domain/dates';
import type { MetricRow } from '../../../domain/metrics';
import {
  NAVER_STAT_FIELDS,
  parseNaverDailyStats,
  type NaverAccountContext,
  type NaverAdgroup,
  type NaverCampaign,
} from '../parse';
import type { ConnectorPage } from '../../../connectors/connector';
import type { NaverCall } from './client';

/**
 * Daily rows of one campaign or ad group: GET /stats with a single `id` and timeIncrement=1, because `ids` allows
 * allDays only (reference §3.3). So every entity costs one call for the whole range, at both levels.
 */
export async function fetchDailyStats(
  call: NaverCall,
  entity: NaverCampaign | NaverAdgroup,
  range: { from: IsoDate; to: IsoDate },
  context: NaverAccountContext,
  next: string | null,
): Promise<ConnectorPage<MetricRow>> {
  const response = await call('GET', '/stats', {
    id: entity.id,
    fields: JSON.stringify(NAVER_STAT_FIELDS),
    timeRange: JSON.stringify({ since: range.from, until: range.to }),
    timeIncrement: '1',
  });
  return { items: parseNaverDailyStats(response.body, entity, range, context), next, exchange: response.exchange };
}
