import { describe, expect, it } from 'vitest';
import { findUnmatchedTrackerCampaigns, unmatchedText } from '../../src/cli/trackers-command';
import { loadTrackersConfig } from '../../src/config/trackers';
import type { EntitySnapshot } from '../../src/domain/metrics';
import type { TrackerDailyRow } from '../../src/domain/trackers';
import { upsertEntities } from '../../src/storage/entities-store';
import { upsertTrackerRows } from '../../src/storage/tracker-store';
import { useTestEnv } from '../helpers/test-env';

/**
 * `adops trackers unmatched` on the real database: tracker rows of hanbit-beauty-aos (config/trackers.yaml maps its
 * Facebook Ads to meta act_100200300 with the rules ^KR_… and ^af_…, googleadwords_int to Google 1234567890 by equal
 * names, and nothing for kakao_int) against the media campaigns stored in `entities`.
 */
const env = useTestEnv({ workers: false });

function row(
  mediaSource: string,
  campaignName: string,
  date: string,
  installs: number,
  revenue: bigint,
): TrackerDailyRow {
  return {
    tracker: 'appsflyer',
    app: 'hanbit-beauty-aos',
    appId: 'com.hanbit.beauty',
    advertiserId: 'hanbit-cosmetics',
    mediaSource,
    campaignId: null,
    campaignName,
    date,
    dateBasis: 'install',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    installs,
    reEngagements: 0,
    events: 0,
    eventCounts: [],
    revenueMicros: revenue,
    costMicros: null,
    mature: true,
  };
}

function entity(level: EntitySnapshot['level'], entityId: string, name: string): EntitySnapshot {
  return {
    platform: 'meta',
    accountId: 'act_100200300',
    advertiserId: 'hanbit-cosmetics',
    level,
    entityId,
    name,
    status: 'ACTIVE',
    currency: 'KRW',
    dailyBudgetMicros: null,
  };
}

describe('findUnmatchedTrackerCampaigns', () => {
  it('lists what neither the id nor a name rule finds, once per campaign, with its days and totals', async () => {
    const db = env.database.db;
    await upsertEntities(db, [
      entity('campaign', '2385001', 'KR_AlwaysOn_01'),
      entity('campaign', '2385005', 'KR_Promo_05'),
      // An ad set named like the unmatched campaign: the join must only see campaigns.
      entity('adset', '2386001', 'KR_Brand_Test'),
    ]);
    await upsertTrackerRows(
      db,
      [
        row('Facebook Ads', 'KR_AlwaysOn_01', '2026-11-01', 40, 9_000_000_000n), // rule 1: KR_AlwaysOn_01
        row('Facebook Ads', 'af_KR_Promo_05', '2026-11-01', 12, 0n), // rule 2: KR_Promo_05
        row('Facebook Ads', 'KR_Brand_Test', '2026-11-01', 3, 1_000_000_000n),
        row('Facebook Ads', 'KR_Brand_Test', '2026-11-02', 4, 500_000_000n),
        row('kakao_int', '카카오_브랜드', '2026-11-01', 5, 0n),
        row('googleadwords_int', 'KR_Video_07', '2026-11-02', 2, 0n), // no Google campaign stored
      ],
      'test',
    );
    const trackers = loadTrackersConfig(env.configDir, env.config().accounts);
    const list = await findUnmatchedTrackerCampaigns(db, trackers);
    expect(list.map((u) => [u.mediaSource, u.campaignName, u.reason, u.days, u.installs, u.revenueMicros])).toEqual([
      ['Facebook Ads', 'KR_Brand_Test', 'no_campaign', 2, 7, 1_500_000_000n],
      ['kakao_int', '카카오_브랜드', 'no_mapping', 1, 5, 0n],
      ['googleadwords_int', 'KR_Video_07', 'no_campaign', 1, 2, 0n],
    ]);
    expect(unmatchedText(list).split('\n')[0]).toBe(
      'hanbit-beauty-aos  Facebook Ads  KR_Brand_Test: no media campaign fits; 2 days, 7 installs, 1500 KRW revenue',
    );
    expect(await findUnmatchedTrackerCampaigns(db, trackers, ['dalbit-eats'])).toEqual([]);
  });
});
