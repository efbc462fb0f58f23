import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../../src/domain/dates';
import type { MetricRow } from '../../../src/domain/metrics';
import { MICROS_PER_UNIT } from '../../../src/domain/money';
import type { EntityLevel } from '../../../src/domain/metrics';
import { classifyTiktokResponse } from '../../../src/platforms/tiktok/errors';
import { parseTiktokAdGroupsPage, parseTiktokReportPage } from '../../../src/platforms/tiktok/parse';
import { TIKTOK_LEVELS, TIKTOK_REPORT } from '../../../src/platforms/tiktok/wire';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { tiktokSandbox } from '../../../src/platforms/tiktok/sandbox';
import { tiktokCatalog } from '../../../src/platforms/tiktok/sandbox/data';
import { sandboxWorld, useSandbox } from '../../helpers/sandbox';
import { parseContext } from '../../helpers/parse-context';

const TOKEN = 'sbx-tiktok-access-4be93a';
const ADVERTISER = '7000000000000000001';
const DAY_MS = 86_400_000;
const ctx = parseContext(ADVERTISER, { advertiserId: 'dalbit-foods' });

interface Envelope {
  code: number;
  message: string;
  request_id: string;
  data: { list: Array<Record<string, unknown>>; page_info?: Record<string, unknown> };
}

describe('TikTok sandbox ad groups (adgroup/get and AUCTION_ADGROUP reports)', () => {
  const world = sandboxWorld();
  world.tiktok!.options = { qpsLimit: 1000 };
  const sandbox = useSandbox(world);

  async function call(apiPath: string, params: Record<string, string>, token: string | null = TOKEN) {
    const url = new URL(`${sandbox.url}/tiktok/open_api/v1.3/${apiPath}/`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const response = await fetch(url, { headers: token === null ? {} : { 'Access-Token': token } });
    return { status: response.status, body: (await response.json()) as Envelope };
  }
  const adGroupGet = (extra: Record<string, string> = {}) =>
    call('adgroup/get', { advertiser_id: ADVERTISER, page: '1', page_size: '1000', ...extra });
  const report = (level: EntityLevel, from: string, to: string, extra: Record<string, string> = {}) =>
    call('report/integrated/get', {
      advertiser_id: ADVERTISER,
      service_type: TIKTOK_REPORT.serviceType,
      report_type: TIKTOK_REPORT.reportType,
      data_level: TIKTOK_LEVELS[level].dataLevel,
      dimensions: JSON.stringify(TIKTOK_LEVELS[level].dimensions),
      metrics: JSON.stringify(TIKTOK_LEVELS[level].metrics),
      start_date: from,
      end_date: to,
      page: '1',
      page_size: '10',
      ...extra,
    });
  async function allReportRows(level: EntityLevel, from: string, to: string): Promise<MetricRow[]> {
    const rows: MetricRow[] = [];
    let totalPage = 1;
    for (let page = 1; page <= totalPage; page += 1) {
      const parsed = parseTiktokReportPage((await report(level, from, to, { page: String(page) })).body, ctx, level);
      totalPage = parsed.totalPage;
      rows.push(...parsed.items);
    }
    return rows;
  }
  const account = () => world.tiktok!.accounts.find((a) => a.id === ADVERTISER)!;
  const today = () => dateInZone(sandbox.state.now(), 'Asia/Seoul');

  it('lists every ad group under its campaign, with stable 16-digit ids distinct from campaign ids', async () => {
    const catalog = tiktokCatalog(world.seed, account());
    const expected = catalog.campaigns.flatMap((c) => catalog.adGroupsOf(c));
    const response = await adGroupGet();
    expect(response.body).toMatchObject({ code: 0, message: 'OK' });
    expect(response.body.data.page_info).toEqual({
      page: 1,
      page_size: 1000,
      total_number: expected.length,
      total_page: 1,
    });
    const parsed = parseTiktokAdGroupsPage(response.body, ctx).items;
    expect(parsed.map((a) => [a.entityId, a.campaignId, a.name])).toEqual(
      expected.map((a) => [a.id, a.campaignId, a.name]),
    );
    expect(expected.length).toBeGreaterThan(catalog.campaigns.length);
    const campaignIds = new Set(catalog.campaigns.map((c) => c.id));
    expect(parsed.every((a) => /^17\d{14}$/.test(a.entityId) && !campaignIds.has(a.entityId))).toBe(true);
    expect(parsed.every((a) => campaignIds.has(a.campaignId!))).toBe(true);
    expect(new Set(parsed.map((a) => a.entityId)).size).toBe(parsed.length);
    // Same ids from a fresh build: stable per (account, campaign index, ad group index).
    expect(
      tiktokCatalog(world.seed, account()).campaigns.flatMap((c) => catalog.adGroupsOf(c).map((a) => a.id)),
    ).toEqual(expected.map((a) => a.id));
  });

  it('gives ad groups a daily budget in major units only when their campaign has none', async () => {
    const catalog = tiktokCatalog(world.seed, account());
    const list = (await adGroupGet()).body.data.list;
    const parsed = parseTiktokAdGroupsPage((await adGroupGet()).body, ctx).items;
    for (const campaign of catalog.campaigns) {
      for (const adGroup of catalog.adGroupsOf(campaign)) {
        const wire = list.find((a) => a.adgroup_id === adGroup.id)!;
        const read = parsed.find((a) => a.entityId === adGroup.id)!;
        if (campaign.dailyBudgetMicros === null) {
          expect(wire).toMatchObject({ budget_mode: 'BUDGET_MODE_DAY' });
          expect(typeof wire.budget).toBe('number');
          expect(BigInt(wire.budget as number) * MICROS_PER_UNIT).toBe(adGroup.dailyBudgetMicros); // KRW: whole won
          expect(read.dailyBudgetMicros).toBe(adGroup.dailyBudgetMicros);
        } else {
          expect(wire).toMatchObject({ budget_mode: 'BUDGET_MODE_INFINITE', budget: 0 });
          expect(read.dailyBudgetMicros).toBeNull();
        }
      }
    }
    expect(list.some((a) => a.budget_mode === 'BUDGET_MODE_DAY')).toBe(true);
    expect(list.some((a) => a.budget_mode === 'BUDGET_MODE_INFINITE')).toBe(true);
  });

  it('pages adgroup/get with page/page_size and narrows by filtering', async () => {
    const all = (await adGroupGet()).body.data.list.map((a) => a.adgroup_id);
    const paged: unknown[] = [];
    let totalPage = 1;
    for (let page = 1; page <= totalPage; page += 1) {
      const response = await adGroupGet({ page: String(page), page_size: '4' });
      const parsed = parseTiktokAdGroupsPage(response.body, ctx);
      expect(parsed.page).toBe(page);
      totalPage = parsed.totalPage;
      paged.push(...parsed.items.map((a) => a.entityId));
    }
    expect(totalPage).toBe(Math.ceil(all.length / 4));
    expect(paged).toEqual(all);
    // page_size defaults to 10 (SDK AdgroupApi.md).
    expect((await call('adgroup/get', { advertiser_id: ADVERTISER })).body.data.list).toHaveLength(10);

    const campaignId = String((await adGroupGet()).body.data.list[0]!.campaign_id);
    const filtered = await adGroupGet({ filtering: JSON.stringify({ campaign_ids: [campaignId] }) });
    expect(filtered.body.data.list.length).toBeGreaterThan(0);
    expect(filtered.body.data.list.every((a) => a.campaign_id === campaignId)).toBe(true);
    const fields = await adGroupGet({ fields: '["adgroup_name"]' });
    expect(Object.keys(fields.body.data.list[0]!).sort()).toEqual(['adgroup_id', 'adgroup_name']);
  });

  it('rejects bad adgroup/get parameters inside HTTP 200, and checks token and advertiser first', async () => {
    const bads: Array<Record<string, string>> = [
      { page_size: '1001' },
      { page_size: '0' },
      { page: '0' },
      { fields: 'adgroup_id' },
      { filtering: '{"campaign_ids":' },
      { filtering: '{"campaign_ids":[1]}' },
      { filtering: '{"primary_status":"ENABLE"}' },
    ];
    for (const bad of bads) {
      const response = await adGroupGet(bad);
      expect(response.status).toBe(200);
      expect(response.body.code, JSON.stringify(bad)).toBe(40002);
      expect(classifyTiktokResponse(response.status, response.body)?.kind).toBe('bad_request');
    }
    expect((await call('adgroup/get', {})).body.code).toBe(40002); // advertiser_id is required
    expect((await call('adgroup/get', { advertiser_id: '7000000000000000999' })).body.code).toBe(40001);
    expect((await call('adgroup/get', { advertiser_id: ADVERTISER }, null)).body.code).toBe(40104);
  });

  it('serves AUCTION_ADGROUP rows equal to the ad group truth, summing exactly to the campaign rows', async () => {
    const to = addDays(today(), -1);
    const from = addDays(to, -4);
    const adGroupRows = await allReportRows('adset', from, to);
    const campaignRows = await allReportRows('campaign', from, to);
    const truth = tiktokSandbox.truth(world, ADVERTISER, from, to, sandbox.state.now(), sandbox.state.mutations);
    const values = (r: Pick<MetricRow, 'entityId' | 'date' | 'spendMicros' | 'impressions' | 'clicks'>) => [
      r.entityId,
      r.date,
      r.spendMicros,
      r.impressions,
      r.clicks,
    ];
    const adGroupTruth = truth.filter((t) => t.level === 'adset');
    expect(adGroupRows.length).toBeGreaterThan(campaignRows.length);
    expect(
      adGroupRows.map((r) => [
        r.level,
        r.campaignId,
        r.entityName,
        r.conversions,
        r.conversionValueMicros,
        ...values(r),
      ]),
    ).toEqual(
      adGroupTruth.map((t) => [
        t.level,
        t.campaignId,
        t.entityName,
        t.conversions,
        t.conversionValueMicros,
        ...values(t),
      ]),
    );
    for (const campaign of campaignRows) {
      const parts = adGroupRows.filter((r) => r.campaignId === campaign.entityId && r.date === campaign.date);
      expect(parts.length).toBeGreaterThan(0);
      const sum = <K extends 'spendMicros' | 'conversionValueMicros'>(k: K) => parts.reduce((a, r) => a + r[k], 0n);
      const total = (k: 'impressions' | 'clicks' | 'conversions') => parts.reduce((a, r) => a + r[k], 0);
      expect([sum('spendMicros'), total('impressions'), total('clicks'), total('conversions')]).toEqual([
        campaign.spendMicros,
        campaign.impressions,
        campaign.clicks,
        campaign.conversions,
      ]);
      expect(sum('conversionValueMicros')).toBe(campaign.conversionValueMicros);
    }
  });

  it('restates ad group rows together with their campaign', async () => {
    const day = addDays(today(), -1);
    const before = await allReportRows('adset', day, day);
    sandbox.state.clockOffsetMs = 3 * DAY_MS; // the day leaves TikTok's 3-day restatement window
    try {
      const after = await allReportRows('adset', day, day);
      const campaigns = await allReportRows('campaign', day, day);
      expect(after.map((r) => r.entityId)).toEqual(before.map((r) => r.entityId));
      const total = (rows: MetricRow[]) => rows.reduce((a, r) => a + r.conversions, 0);
      expect(total(after)).toBeGreaterThan(total(before));
      expect(total(after)).toBe(total(campaigns));
    } finally {
      sandbox.state.clockOffsetMs = 0;
    }
  });

  it('rejects levels, dimensions and metrics that do not go together', async () => {
    const day = addDays(today(), -2);
    const { adset, campaign } = TIKTOK_LEVELS;
    expect((await report('adset', day, day)).body.code).toBe(0);
    expect((await report('adset', day, day, { dimensions: JSON.stringify(campaign.dimensions) })).body.code).toBe(
      40002,
    );
    expect((await report('campaign', day, day, { metrics: JSON.stringify(adset.metrics) })).body.code).toBe(40002);
    expect((await report('adset', day, day, { data_level: 'AUCTION_AD' })).body.code).toBe(40002);
    expect((await report('adset', addDays(day, -30), day)).body.code).toBe(40002); // still ≤ 30 days
  });

  it('applies rate limits and malformed bodies to the new endpoint too', async () => {
    sandbox.state.faults = { ...NO_FAULTS, rateLimitRate: 1 };
    const limited = await adGroupGet();
    expect(classifyTiktokResponse(limited.status, limited.body)?.kind).toBe('rate_limited');
    sandbox.state.faults = { ...NO_FAULTS, malformedRate: 1 };
    const malformed = await adGroupGet();
    expect(malformed.body.code).toBe(0);
    expect(() => parseTiktokAdGroupsPage(malformed.body, ctx)).toThrow(/data\.list\[0\]\.campaign_id/);
    const day = addDays(today(), -2);
    const body = (await report('adset', day, day)).body;
    expect(() => parseTiktokReportPage(body, ctx, 'adset')).toThrow(/data\.list\[0\]\.metrics\.spend/);
  });
});
