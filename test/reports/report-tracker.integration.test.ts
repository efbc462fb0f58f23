import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsFileSchema } from '../../src/config/schema';
import type { TrackersFile } from '../../src/config/trackers-schema';
import type { EntitySnapshot, MetricRow } from '../../src/domain/metrics';
import type { TrackerDailyRow } from '../../src/domain/trackers';
import { renderCsv } from '../../src/reports/csv';
import type { CurrencySection, ReportModel } from '../../src/reports/model';
import { buildReportModel } from '../../src/reports/report-data';
import { loadReportTrackers } from '../../src/reports/report-tracker-data';
import { renderXlsx } from '../../src/reports/xlsx';
import { upsertEntities } from '../../src/storage/entities-store';
import { upsertMetricRows } from '../../src/storage/metrics-store';
import { upsertTrackerRows } from '../../src/storage/tracker-store';
import { useTestEnv } from '../helpers/test-env';
import { trackersConfig } from '../helpers/trackers';

/**
 * The report of an advertiser with two tracker apps, from the real database: metrics_daily, entities and tracker_daily
 * rows stored as the pulls store them, config/trackers.yaml written to the test's config directory and loaded by the
 * report itself. The week is Mon 2026-10-26 .. Sun 2026-11-01 (across the month boundary); "now" is 2026-11-03 02:00
 * UTC (11:00 in Seoul; 2026-11-02 21:00 in New York). Every expected figure is worked out by hand beside it.
 *
 * - acme-aos (AppsFlyer, KRW, Seoul, 30-day window): Facebook Ads → Meta act_1, by id, then `af_<name>`.
 * - acme-us (Adjust, USD, New York, 2-day window): google.adwords → Google 1234567890 by the id in brackets, and
 *   Facebook → Meta act_1 by id (USD figures on a KRW campaign: no ROAS).
 */
const W = 1_000_000n; // micros per won
const D = 1_000_000n; // micros per dollar
const NOW = new Date('2026-11-03T02:00:00Z');

const accounts = accountsFileSchema.parse({
  timeZone: 'Asia/Seoul',
  advertisers: [
    {
      id: 'acme',
      name: 'Acme',
      accounts: [
        {
          platform: 'meta',
          accountId: 'act_1',
          name: 'Acme KR',
          currency: 'KRW',
          timeZone: 'Asia/Seoul',
          credentials: { accessToken: 'META_TOKEN' },
        },
        {
          platform: 'google_ads',
          accountId: '1234567890',
          name: 'Acme US',
          currency: 'USD',
          timeZone: 'America/New_York',
          credentials: { accessToken: 'GOOGLE_TOKEN', developerToken: 'GOOGLE_DEV' },
        },
      ],
    },
    {
      id: 'plain',
      name: 'Plain (no tracker apps)',
      accounts: [
        {
          platform: 'meta',
          accountId: 'act_9',
          name: 'Plain KR',
          currency: 'KRW',
          timeZone: 'Asia/Seoul',
          credentials: { accessToken: 'META_TOKEN' },
        },
      ],
    },
  ],
});

function trackers(): TrackersFile {
  const project = trackersConfig('adjust', { restatementWindowDays: 2 });
  return {
    trackers: project.trackers,
    apps: [
      {
        id: 'acme-aos',
        advertiser: 'acme',
        tracker: 'appsflyer',
        appId: 'com.acme.app',
        name: 'Acme (Android)',
        timeZone: 'Asia/Seoul',
        currency: 'KRW',
        account: 'acme',
        credentials: { apiToken: 'APPSFLYER_API_TOKEN' },
      },
      {
        id: 'acme-us',
        advertiser: 'acme',
        tracker: 'adjust',
        appId: 'acmeus000001',
        name: 'Acme US',
        timeZone: 'America/New_York',
        currency: 'USD',
        credentials: { apiToken: 'ADJUST_API_TOKEN' },
      },
    ],
    mappings: [
      {
        app: 'acme-aos',
        mediaSources: ['Facebook Ads'],
        platform: 'meta',
        accountIds: ['act_1'],
        matchById: true,
        nameRules: [{ pattern: '^af_(?<name>.+)$', ignoreCase: false }],
      },
      { app: 'acme-us', mediaSources: ['Facebook'], platform: 'meta', accountIds: ['act_1'], matchById: true, nameRules: [] },
      {
        app: 'acme-us',
        mediaSources: ['google.adwords'],
        platform: 'google_ads',
        accountIds: ['1234567890'],
        matchById: false,
        nameRules: [{ pattern: '\\((?<id>\\d+)\\)$', ignoreCase: false }],
      },
    ],
  };
}

const env = useTestEnv({ workers: false, accounts, trackers: trackers() });

function media(
  platform: 'meta' | 'google_ads',
  level: 'campaign' | 'adset',
  entityId: string,
  name: string,
  date: string,
  f: { spend: bigint; conversions: number; revenue: bigint },
  campaignId?: string,
): MetricRow {
  const meta = platform === 'meta';
  return {
    platform,
    accountId: meta ? 'act_1' : '1234567890',
    advertiserId: 'acme',
    level,
    entityId,
    entityName: name,
    ...(campaignId ? { campaignId } : {}),
    date,
    currency: meta ? 'KRW' : 'USD',
    timeZone: meta ? 'Asia/Seoul' : 'America/New_York',
    impressions: 1_000,
    clicks: 100,
    spendMicros: f.spend,
    conversions: f.conversions,
    conversionValueMicros: f.revenue,
    mature: true,
  };
}

const MEDIA: MetricRow[] = [
  // Brand (120001): 210,000 won, 10 conversions, 680,000 won revenue; its ad set repeats 10-31 (never added twice)
  media('meta', 'campaign', '120001', 'Brand', '2026-10-31', { spend: 100_000n * W, conversions: 5, revenue: 300_000n * W }),
  media('meta', 'campaign', '120001', 'Brand', '2026-11-01', { spend: 110_000n * W, conversions: 5, revenue: 380_000n * W }),
  media(
    'meta',
    'adset',
    'A1',
    'Brand – All',
    '2026-10-31',
    { spend: 100_000n * W, conversions: 5, revenue: 300_000n * W },
    '120001',
  ),
  // KR_Promo_05 (120002): 320,000 won, 10 conversions, 600,000 won
  media('meta', 'campaign', '120002', 'KR_Promo_05', '2026-10-30', {
    spend: 320_000n * W,
    conversions: 10,
    revenue: 600_000n * W,
  }),
  // GL_Promo (777), USD: $12 + $8 = $20, 2 conversions, $40 + $20 = $60
  media('google_ads', 'campaign', '777', 'GL_Promo', '2026-10-31', { spend: 12n * D, conversions: 1, revenue: 40n * D }),
  media('google_ads', 'campaign', '777', 'GL_Promo', '2026-11-01', { spend: 8n * D, conversions: 1, revenue: 20n * D }),
];

const entity = (platform: 'meta' | 'google_ads', entityId: string, name: string): EntitySnapshot => ({
  platform,
  accountId: platform === 'meta' ? 'act_1' : '1234567890',
  advertiserId: 'acme',
  level: 'campaign',
  entityId,
  name,
  status: 'ACTIVE',
  currency: platform === 'meta' ? 'KRW' : 'USD',
  dailyBudgetMicros: null,
});

function tracked(
  app: 'acme-aos' | 'acme-us',
  mediaSource: string,
  campaign: { id?: string; name: string },
  date: string,
  f: { installs: number; reEngagements?: number; events: number; revenue: bigint; cost: bigint | null },
): TrackerDailyRow {
  const us = app === 'acme-us';
  return {
    tracker: us ? 'adjust' : 'appsflyer',
    app,
    appId: us ? 'acmeus000001' : 'com.acme.app',
    advertiserId: 'acme',
    mediaSource,
    campaignId: campaign.id ?? null,
    campaignName: campaign.name,
    date,
    dateBasis: us ? 'activity' : 'install',
    timeZone: us ? 'America/New_York' : 'Asia/Seoul',
    currency: us ? 'USD' : 'KRW',
    installs: f.installs,
    reEngagements: f.reEngagements ?? 0,
    events: f.events,
    eventCounts: [],
    revenueMicros: f.revenue,
    costMicros: f.cost,
    mature: false,
  };
}

const TRACKER_ROWS: TrackerDailyRow[] = [
  tracked('acme-aos', 'Facebook Ads', { id: '120001', name: 'renamed' }, '2026-10-31', {
    installs: 40,
    reEngagements: 2,
    events: 100,
    revenue: 90_000n * W,
    cost: 50_000n * W,
  }),
  tracked('acme-aos', 'Facebook Ads', { id: '120001', name: 'renamed' }, '2026-11-01', {
    installs: 30,
    reEngagements: 1,
    events: 80,
    revenue: 110_000n * W,
    cost: null,
  }),
  // The Sunday before the week: not read.
  tracked('acme-aos', 'Facebook Ads', { id: '120001', name: 'renamed' }, '2026-10-25', {
    installs: 999,
    events: 0,
    revenue: 999_000n * W,
    cost: null,
  }),
  tracked('acme-aos', 'Facebook Ads', { name: 'af_KR_Promo_05' }, '2026-10-30', {
    installs: 12,
    events: 20,
    revenue: 30_000n * W,
    cost: null,
  }),
  // A campaign stopped before the week (no media row in it): still shown, with its installs of 10-27.
  tracked('acme-aos', 'Facebook Ads', { id: '120009', name: 'old' }, '2026-10-27', {
    installs: 2,
    events: 0,
    revenue: 5_000n * W,
    cost: null,
  }),
  tracked('acme-aos', 'Facebook Ads', { name: 'KR_Brand_Test' }, '2026-11-01', {
    installs: 7,
    events: 0,
    revenue: 15_000n * W,
    cost: null,
  }),
  tracked('acme-aos', 'kakao_int', { name: '카카오_브랜드' }, '2026-10-31', { installs: 5, events: 0, revenue: 0n, cost: null }),
  tracked('acme-us', 'google.adwords', { id: '1', name: 'GL_Promo (777)' }, '2026-10-31', {
    installs: 3,
    events: 5,
    revenue: 12_500_000n,
    cost: 4n * D,
  }),
  tracked('acme-us', 'google.adwords', { id: '1', name: 'GL_Promo (777)' }, '2026-11-01', {
    installs: 2,
    events: 1,
    revenue: 7_250_000n,
    cost: 3n * D,
  }),
  tracked('acme-us', 'Facebook', { id: '120001', name: 'Brand' }, '2026-11-01', {
    installs: 4,
    events: 6,
    revenue: 9_990_000n,
    cost: null,
  }),
];

let model: ReportModel;
const section = (currency: string) => model.sections.find((s) => s.currency === currency) as CurrencySection;
const campaign = (currency: string, id: string) => section(currency).campaigns.find((c) => c.campaignId === id);

beforeAll(async () => {
  const db = env.database.db;
  await upsertMetricRows(db, MEDIA, 'fixture');
  await upsertEntities(db, [
    entity('meta', '120001', 'Brand'),
    entity('meta', '120002', 'KR_Promo_05'),
    entity('meta', '120009', 'KR_Old_09'),
    entity('google_ads', '777', 'GL_Promo'),
  ]);
  await upsertTrackerRows(db, TRACKER_ROWS, 'fixture');
  model = await buildReportModel(db, env.config(), { advertiserId: 'acme', period: 'weekly', date: '2026-10-28', now: NOW });
});

describe('weekly report with tracker figures, from the database', () => {
  it('puts the tracker figures on campaign rows, media figures untouched', () => {
    expect(model).toMatchObject({ from: '2026-10-26', to: '2026-11-01' });
    expect(section('KRW').campaigns.map((c) => [c.campaignId, c.spendMicros / W])).toEqual([
      ['120002', 320_000n],
      ['120001', 210_000n], // 100,000 + 110,000: the ad set's 100,000 is not added again
      ['120009', 0n],
    ]);
    expect(campaign('KRW', '120001')?.tracker).toEqual([
      {
        currency: 'KRW',
        installs: 70, // 40 + 30
        reEngagements: 3,
        events: 180,
        revenueMicros: 200_000n * W, // 90,000 + 110,000
        costMicros: 50_000n * W,
        roas: 200_000 / 210_000,
        roasNote: null,
        unsettledDays: ['2026-10-31', '2026-11-01'],
      },
      {
        currency: 'USD',
        installs: 4,
        reEngagements: 0,
        events: 6,
        revenueMicros: 9_990_000n,
        costMicros: null,
        roas: null,
        roasNote: 'currency_mismatch',
        unsettledDays: ['2026-11-01'],
      },
    ]);
    expect(campaign('KRW', '120001')?.adSets.map((a) => [a.adSetId, 'tracker' in a])).toEqual([['A1', false]]);
    expect(campaign('KRW', '120002')?.tracker).toMatchObject([{ currency: 'KRW', installs: 12, roas: 0.09375 }]);
    expect(campaign('KRW', '120009')).toMatchObject({
      name: 'KR_Old_09',
      tracker: [{ installs: 2, revenueMicros: 5_000n * W, roas: null, roasNote: 'no_spend' }],
    });
    expect(campaign('USD', '777')?.tracker).toEqual([
      {
        currency: 'USD',
        installs: 5,
        reEngagements: 0,
        events: 6,
        revenueMicros: 19_750_000n, // 12.50 + 7.25
        costMicros: 7n * D,
        roas: 0.9875, // 19.75 / 20
        roasNote: null,
        unsettledDays: ['2026-11-01'],
      },
    ]);
  });

  it('totals per currency beside the media on the same campaigns', () => {
    expect(section('KRW').tracker?.map((t) => [t.currency, t.installs, t.revenueMicros, t.roas, t.revenueDifferenceMicros])).toEqual([
      // 70 + 12 + 2; 200,000 + 30,000 + 5,000; ÷ (210,000 + 320,000); − (680,000 + 600,000)
      ['KRW', 84, 235_000n * W, 235_000 / 530_000, -1_045_000n * W],
      ['USD', 4, 9_990_000n, null, null],
    ]);
    expect(section('USD').tracker?.map((t) => [t.installs, t.revenueMicros, t.roas, t.revenueDifferenceMicros])).toEqual([
      [5, 19_750_000n, 0.9875, -40_250_000n], // 19.75 − 60.00
    ]);
  });

  it('lists the apps with their unsettled days and the unmatched tracker campaigns', () => {
    expect(model.trackers?.apps.map((a) => [a.app, a.restatementWindowDays, a.unsettledDays.length])).toEqual([
      ['acme-aos', 30, 7],
      ['acme-us', 2, 1], // New York's today is 11-02: only 11-01 is inside 2 days
    ]);
    expect(model.trackers?.unmatched.map((u) => [u.campaignName, u.reason, u.installs, u.revenueMicros])).toEqual([
      ['KR_Brand_Test', 'no_campaign', 7, 15_000n * W],
      ['카카오_브랜드', 'no_mapping', 5, 0n],
    ]);
  });

  it('the workbook and the CSV carry the same tracker cells', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model, 'en-US')) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Campaigns') as ExcelJS.Worksheet;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    const trackerCells = (n: number) => row(n).slice(18, 26);
    expect(row(2).slice(0, 7)).toEqual(['KRW', 'Campaign', 'Meta', 'act_1', '120002', '', 'KR_Promo_05']);
    expect(trackerCells(2)).toEqual([12, 0, 20, 30_000, 'KRW', 0.09375, undefined, '1 day(s) may still change']);
    expect(row(3)[4]).toBe('120001');
    expect(trackerCells(3)).toEqual([70, 3, 180, 200_000, 'KRW', 200_000 / 210_000, 50_000, '2 day(s) may still change']);
    expect(row(4).slice(1, 5)).toEqual(['Tracker', 'Meta', 'act_1', '120001']);
    expect(trackerCells(4)).toEqual([
      4,
      0,
      6,
      9.99,
      'USD',
      'n/a',
      undefined,
      'ROAS n/a: tracker revenue in USD, media spend in KRW (not converted); 1 day(s) may still change',
    ]);
    expect(row(5).slice(1, 6)).toEqual(['Ad set', 'Meta', 'act_1', '120001', 'A1']);
    expect(trackerCells(5)).toEqual([]);
    expect(trackerCells(6)).toEqual([2, 0, 0, 5_000, 'KRW', 'n/a', undefined, 'ROAS n/a: no media spend; 1 day(s) may still change']);
    expect(row(7).slice(0, 5)).toEqual(['USD', 'Campaign', 'Google Ads', '1234567890', '777']);
    expect(trackerCells(7)).toEqual([5, 0, 6, 19.75, 'USD', 0.9875, 7, '1 day(s) may still change']);

    const summary: unknown[][] = [];
    (wb.getWorksheet('Summary') as ExcelJS.Worksheet).eachRow((r) => summary.push((r.values as unknown[]).slice(1, 5)));
    expect(summary).toContainEqual(['KRW', 'KRW', 'Installs', 84]);
    expect(summary).toContainEqual(['KRW', 'KRW', 'Tracker revenue', 235_000]);
    expect(summary).toContainEqual(['KRW', 'KRW', 'Tracker − media revenue', -1_045_000]);
    expect(summary).toContainEqual(['USD', 'USD', 'Tracker ROAS', 0.9875]);
    const tracker: unknown[][] = [];
    (wb.getWorksheet('Tracker') as ExcelJS.Worksheet).eachRow((r) => tracker.push((r.values as unknown[]).slice(1)));
    expect(tracker).toContainEqual(['acme-aos', 'Facebook Ads', 'KR_Brand_Test', '', 'no media campaign fits', 1, 7, 15_000, 'KRW']);
    expect(tracker).toContainEqual(['acme-aos', 'kakao_int', '카카오_브랜드', '', 'no mapping for this media source', 1, 5, 0, 'KRW']);

    const csv = parse(renderCsv(model, 'en-US'), { bom: true }) as string[][];
    expect(csv.map((r) => [r[1], r[4], ...r.slice(18, 24)])).toEqual([
      ['Level', 'Campaign ID', 'Installs', 'Re-engagements', 'In-app events', 'Tracker revenue', 'Tracker currency', 'Tracker ROAS (%)'],
      ['Campaign', '120002', '12', '0', '20', '30000', 'KRW', '9.38'],
      ['Campaign', '120001', '70', '3', '180', '200000', 'KRW', '95.24'], // 200,000 / 210,000 = 95.238%
      ['Tracker', '120001', '4', '0', '6', '9.99', 'USD', 'n/a'],
      ['Ad set', '120001', '', '', '', '', '', ''],
      ['Campaign', '120009', '2', '0', '0', '5000', 'KRW', 'n/a'],
      ['Campaign', '777', '5', '0', '6', '19.75', 'USD', '98.75'],
    ]);
  });

  it('no tracker apps for the advertiser, or no trackers.yaml: no tracker part at all', async () => {
    const db = env.database.db;
    const plain = await buildReportModel(db, env.config(), { advertiserId: 'plain', period: 'weekly', date: '2026-10-28', now: NOW });
    expect(plain).not.toHaveProperty('trackers');
    expect(plain.sections.map((s) => 'tracker' in s)).toEqual([false]);
    const empty = mkdtempSync(path.join(os.tmpdir(), 'adops-no-trackers-'));
    try {
      expect(await loadReportTrackers(db, { ...env.config(), dir: empty }, { advertiserId: 'acme', dates: [], now: NOW })).toBeNull();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
