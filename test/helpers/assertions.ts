import { expect } from 'vitest';
import type { Db } from 'mongodb';
import type { MetricRow } from '../../src/domain/metrics';
import type { Platform } from '../../src/domain/platforms';
import { COLLECTIONS } from '../../src/storage/mongo';
import type { TruthRow } from '../../src/sandbox/truth';

/**
 * Every stored row of an account/date range, at every level, equals the sandbox's ground truth field by field, and
 * nothing extra. Pass truth of both levels (the platform modules' truth() does) unless the pull was limited.
 */
export async function expectRowsMatchTruth(
  db: Db,
  accountId: string,
  from: string,
  to: string,
  truth: TruthRow[],
  platform: Platform = 'meta',
) {
  const stored = await db
    .collection<MetricRow>(COLLECTIONS.metricsDaily)
    .find({ platform, accountId, date: { $gte: from, $lte: to } })
    .toArray();
  const byKey = new Map(stored.map((r) => [`${r.level}|${r.entityId}|${r.date}`, r]));
  expect(stored.length).toBe(truth.length);
  for (const t of truth) {
    const row = byKey.get(`${t.level}|${t.entityId}|${t.date}`);
    expect(row, `missing ${t.level} row ${t.entityId} ${t.date}`).toBeDefined();
    expect({
      campaignId: row!.campaignId,
      entityName: row!.entityName,
      currency: row!.currency,
      impressions: row!.impressions,
      clicks: row!.clicks,
      spendMicros: row!.spendMicros,
      conversions: row!.conversions,
      conversionValueMicros: row!.conversionValueMicros,
    }).toEqual({
      campaignId: t.campaignId,
      entityName: t.entityName,
      currency: t.currency,
      impressions: t.impressions,
      clicks: t.clicks,
      spendMicros: t.spendMicros,
      conversions: t.conversions,
      conversionValueMicros: t.conversionValueMicros,
    });
  }
}

/**
 * Stored ad set rows of every campaign-day add up exactly to the stored campaign row (spend, impressions, clicks),
 * and every campaign row has its ad sets, as in the platforms' own reports. Returns the stored rows for more checks.
 */
export async function expectAdSetsAddUpToCampaigns(
  db: Db,
  platform: Platform,
  accountId: string,
  from: string,
  to: string,
): Promise<{ stored: MetricRow[]; campaignRows: MetricRow[] }> {
  const stored = await db
    .collection<MetricRow>(COLLECTIONS.metricsDaily)
    .find({ platform, accountId, date: { $gte: from, $lte: to } })
    .toArray();
  const sums = new Map<string, { spendMicros: bigint; impressions: number; clicks: number }>();
  for (const row of stored.filter((r) => r.level === 'adset')) {
    const key = `${row.campaignId}|${row.date}`;
    const sum = sums.get(key) ?? { spendMicros: 0n, impressions: 0, clicks: 0 };
    sums.set(key, {
      spendMicros: sum.spendMicros + row.spendMicros,
      impressions: sum.impressions + row.impressions,
      clicks: sum.clicks + row.clicks,
    });
  }
  const campaignRows = stored.filter((r) => r.level === 'campaign');
  expect(sums.size).toBe(campaignRows.length);
  for (const { entityId, date, spendMicros, impressions, clicks } of campaignRows) {
    expect(sums.get(`${entityId}|${date}`), `${platform} ${entityId} ${date}`).toEqual({
      spendMicros,
      impressions,
      clicks,
    });
  }
  return { stored, campaignRows };
}
