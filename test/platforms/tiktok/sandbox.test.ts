import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../../src/domain/dates';
import type { MetricRow } from '../../../src/domain/metrics';
import { ResponseFormatError } from '../../../src/connectors/errors';
import { classifyTiktokResponse } from '../../../src/platforms/tiktok/errors';
import { parseTiktokCampaignsPage, parseTiktokReportPage } from '../../../src/platforms/tiktok/parse';
import { TIKTOK_LEVELS, TIKTOK_REPORT } from '../../../src/platforms/tiktok/wire';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { tiktokCampaigns } from '../../../src/platforms/tiktok/sandbox/data';
import { tiktokSandbox } from '../../../src/platforms/tiktok/sandbox';
import { callSandbox, sandboxWorld, useSandbox } from '../../helpers/sandbox';
import { parseContext } from '../../helpers/parse-context';

const TOKEN = 'sbx-tiktok-access-4be93a';

/** TikTok's envelope as the tests read it. */
interface Envelope {
  code: number;
  message: string;
  request_id: string;
  data: {
    list: Array<Record<string, unknown> & { dimensions?: Record<string, unknown>; metrics?: Record<string, unknown> }>;
    page_info?: Record<string, unknown>;
    campaign_id?: string;
    budget?: number;
  };
}
const ADVERTISER = '7000000000000000001';
const ctx = parseContext(ADVERTISER, { advertiserId: 'dalbit-foods' });

describe('TikTok sandbox (HTTP, no Temporal)', () => {
  // A generous QPS limit: these tests are about formats, not throttling (one test sets its own).
  const world = sandboxWorld();
  world.tiktok!.options = { qpsLimit: 1000 };
  const sandbox = useSandbox(world);

  async function call(
    apiPath: string,
    params: Record<string, string> = {},
    init: { method?: string; token?: string | null; body?: unknown } = {},
  ) {
    const headers: Record<string, string> = {};
    if (init.token !== null) headers['Access-Token'] = init.token ?? TOKEN;
    const url = new URL(`${sandbox.url}/tiktok/open_api/v1.3/${apiPath}/`);
    const { status, text } = await callSandbox(url, params, headers, init);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status, body: body as Envelope, text };
  }

  const report = (from: string, to: string, extra: Record<string, string> = {}) =>
    call('report/integrated/get', {
      advertiser_id: ADVERTISER,
      service_type: TIKTOK_REPORT.serviceType,
      report_type: TIKTOK_REPORT.reportType,
      data_level: TIKTOK_LEVELS.campaign.dataLevel,
      dimensions: JSON.stringify(TIKTOK_LEVELS.campaign.dimensions),
      metrics: JSON.stringify(TIKTOK_LEVELS.campaign.metrics),
      start_date: from,
      end_date: to,
      page: '1',
      page_size: '10',
      ...extra,
    });

  const today = () => dateInZone(sandbox.state.now(), 'Asia/Seoul');

  it('answers auth failures inside HTTP 200, with a request_id', async () => {
    const missing = await call('advertiser/info', { advertiser_ids: `["${ADVERTISER}"]` }, { token: null });
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({ code: 40104, data: {} });
    expect(missing.body.request_id).toMatch(/^[0-9A-F]{20,}$/);
    expect(classifyTiktokResponse(missing.status, missing.body)?.kind).toBe('auth');
    const wrong = await call('advertiser/info', { advertiser_ids: `["${ADVERTISER}"]` }, { token: 'sbx-not-a-token' });
    expect(wrong.body.code).toBe(40105);
    sandbox.state.faults = { ...NO_FAULTS, expiredTokens: [TOKEN] };
    const expired = await call('advertiser/info', { advertiser_ids: `["${ADVERTISER}"]` });
    expect(classifyTiktokResponse(expired.status, expired.body)).toMatchObject({
      kind: 'auth',
      traceId: expired.body.request_id,
    });
  });

  it('refuses advertisers the token is not granted', async () => {
    const info = await call('advertiser/info', { advertiser_ids: '["7000000000000000999"]' });
    expect(info.body.code).toBe(40001);
    const campaigns = await call('campaign/get', { advertiser_id: '7000000000000000999' });
    expect(classifyTiktokResponse(campaigns.status, campaigns.body)?.kind).toBe('permission');
  });

  it('describes the advertiser with its currency and zone', async () => {
    const info = await call('advertiser/info', { advertiser_ids: `["${ADVERTISER}"]` });
    expect(info.body).toMatchObject({ code: 0, message: 'OK' });
    expect(info.body.data.list[0]).toMatchObject({
      advertiser_id: ADVERTISER,
      currency: 'KRW',
      display_timezone: 'Asia/Seoul',
      timezone: 'Etc/GMT-9',
    });
  });

  it('serves exactly the ground truth through page/page_size paging, closed days only', async () => {
    const to = today(); // today is not served: only days closed in the advertiser's zone
    const from = addDays(to, -6);
    const rows: MetricRow[] = [];
    let totalPage = 1;
    for (let page = 1; page <= totalPage; page += 1) {
      const response = await report(from, to, { page: String(page) });
      const parsed = parseTiktokReportPage(response.body, ctx);
      expect(response.body.data.page_info).toMatchObject({ page, page_size: 10 });
      totalPage = parsed.totalPage;
      rows.push(...parsed.items);
    }
    expect(totalPage).toBeGreaterThan(2);
    const truth = tiktokSandbox
      .truth(world, ADVERTISER, from, to, sandbox.state.now(), sandbox.state.mutations)
      .filter((t) => t.level === 'campaign');
    expect(truth.every((t) => t.date < to)).toBe(true);
    expect(
      rows.map((r) => [
        r.entityId,
        r.date,
        r.spendMicros,
        r.impressions,
        r.clicks,
        r.conversions,
        r.conversionValueMicros,
      ]),
    ).toEqual(
      truth.map((t) => [
        t.entityId,
        t.date,
        t.spendMicros,
        t.impressions,
        t.clicks,
        t.conversions,
        t.conversionValueMicros,
      ]),
    );
    expect(rows.every((r) => /^17\d{14}$/.test(r.entityId))).toBe(true);
  });

  it('sends money as two-decimal strings in major units and stat_time_day at midnight', async () => {
    const day = addDays(today(), -3);
    const response = await report(day, day);
    const row = response.body.data.list[0];
    expect(row?.dimensions?.stat_time_day).toBe(`${day} 00:00:00`);
    expect(row?.metrics?.spend).toMatch(/^\d+\.00$/);
    expect(typeof row?.metrics?.impressions).toBe('string');
  });

  it('rejects a span over 30 days and bad parameters as invalid params (40002)', async () => {
    const to = addDays(today(), -1);
    expect((await report(addDays(to, -29), to)).body.code).toBe(0);
    const tooLong = await report(addDays(to, -30), to);
    expect(tooLong.body.code).toBe(40002);
    expect(classifyTiktokResponse(tooLong.status, tooLong.body)?.kind).toBe('bad_request');
    expect((await report(to, to, { page_size: '1001' })).body.code).toBe(40002);
    expect((await report(to, to, { metrics: '["spend","no_such_metric"]' })).body.code).toBe(40002);
    expect((await report(to, to, { dimensions: 'campaign_id' })).body.code).toBe(40002);
  });

  it('lists campaigns with budgets in major units and budget modes', async () => {
    const response = await call('campaign/get', { advertiser_id: ADVERTISER, page: '1', page_size: '1000' });
    const parsed = parseTiktokCampaignsPage(response.body, ctx);
    expect(parsed.items).toHaveLength(15);
    const modes = new Set(response.body.data.list.map((c) => c.budget_mode));
    expect(modes.has('BUDGET_MODE_DAY')).toBe(true);
    const daily = response.body.data.list.find((c) => c.budget_mode === 'BUDGET_MODE_DAY');
    expect(typeof daily?.budget).toBe('number');
  });

  it('updates a daily budget absolutely, in major units, and records the mutation', async () => {
    const account = world.tiktok!.accounts[0]!;
    const campaign = tiktokCampaigns(world.seed, account).find((c) => c.budgetMode === 'BUDGET_MODE_DAY')!;
    const update = (body: Record<string, unknown>) =>
      call(
        'campaign/update',
        {},
        { method: 'POST', body: { advertiser_id: ADVERTISER, campaign_id: campaign.id, ...body } },
      );
    const done = await update({ budget: 200000 });
    expect(done.body).toMatchObject({ code: 0, data: { campaign_id: campaign.id, budget: 200000 } });
    expect(sandbox.state.mutations).toEqual([
      expect.objectContaining({
        platform: 'tiktok',
        entityId: campaign.id,
        field: 'budget',
        oldValue: campaign.budgetMinor!.toString(),
        newValue: '200000',
      }),
    ]);
    expect(sandbox.state.budgets.get(campaign.id)).toBe(200000n);
    const list = await call('campaign/get', { advertiser_id: ADVERTISER, page_size: '1000' });
    const read = parseTiktokCampaignsPage(list.body, ctx).items.find((c) => c.entityId === campaign.id);
    expect(read?.dailyBudgetMicros).toBe(200_000_000_000n);

    expect((await update({ budget: 1000 })).body.code).toBe(40002); // below the campaign minimum
    expect((await update({ budget: 100000.5 })).body.code).toBe(40002); // KRW has no minor unit
    expect((await update({ budget: 100000, budget_mode: 'BUDGET_MODE_TOTAL' })).body.code).toBe(40002);
    expect(sandbox.state.mutations).toHaveLength(1);
  });

  it('produces rate limits, system errors and malformed bodies in TikTok format', async () => {
    const day = addDays(today(), -3);
    sandbox.state.faults = { ...NO_FAULTS, rateLimitRate: 1 };
    const limited = await report(day, day);
    expect(limited.status).toBe(200);
    expect(classifyTiktokResponse(limited.status, limited.body)).toMatchObject({ kind: 'rate_limited' });
    expect(classifyTiktokResponse(limited.status, limited.body)?.retryAfterMs).toBeUndefined();

    sandbox.state.faults = { ...NO_FAULTS, serverErrorRate: 1 };
    const errors = [await report(day, day), await report(day, day), await report(day, day)];
    expect(errors.map((e) => e.status).sort()).toEqual([200, 200, 503]);
    for (const e of errors) expect(classifyTiktokResponse(e.status, e.body)?.kind).toBe('transient');

    sandbox.state.faults = { ...NO_FAULTS, malformedRate: 1 };
    const malformed = await report(day, day);
    expect(malformed.body.code).toBe(0);
    expect(() => parseTiktokReportPage(malformed.body, ctx)).toThrow(ResponseFormatError);
    expect(() => parseTiktokReportPage(malformed.body, ctx)).toThrow(/data\.list\[0\]\.metrics\.spend/);
  });

  it('throttles a token past its QPS limit with 40100', async () => {
    world.tiktok!.options = { qpsLimit: 3 };
    try {
      const codes = [];
      for (let i = 0; i < 5; i += 1)
        codes.push((await call('advertiser/info', { advertiser_ids: `["${ADVERTISER}"]` })).body.code);
      expect(codes).toEqual([0, 0, 0, 40100, 40100]);
    } finally {
      world.tiktok!.options = { qpsLimit: 1000 };
    }
  });
});
