import type { MetricRow } from '../../src/domain/metrics';

/** One settled day of Hanbit's Meta campaign KR_AlwaysOn_01 (KRW), for the report workflow tests: spend in won. */
export const hanbitMetaDay = (date: string, spendWon: bigint, conversions: number): MetricRow => ({
  platform: 'meta',
  accountId: 'act_100200300',
  advertiserId: 'hanbit-cosmetics',
  level: 'campaign',
  entityId: '120000000000000001',
  entityName: 'KR_AlwaysOn_01',
  date,
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  impressions: 10_000,
  clicks: 200,
  spendMicros: spendWon * 1_000_000n,
  conversions,
  conversionValueMicros: BigInt(conversions) * 50_000_000_000n,
  mature: true,
});
