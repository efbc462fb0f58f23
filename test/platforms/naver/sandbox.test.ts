import axios from 'axios';
import { describe, expect, it, vi } from 'vitest';
import { addDays, dateInZone } from '../../../src/domain/dates';
import type { MetricRow } from '../../../src/domain/metrics';
import type { EntitySnapshot } from '../../../src/domain/metrics';
import { isMature } from '../../../src/domain/maturity';
import { parseNaverDailyStats } from '../../../src/platforms/naver/parse';
import { naverAuthHeaders } from '../../../src/platforms/naver/signature';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { naverSandbox } from '../../../src/platforms/naver/sandbox';
import { naverSandboxConnector, naverTestWorld } from '../../helpers/naver-connector';
import { useSandbox } from '../../helpers/sandbox';

const { world, grant, credentials } = naverTestWorld();
const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
const from = addDays(to, -4);

describe('Naver sandbox and connector', () => {
  const sandbox = useSandbox(world, { resetEachTest: false });
  const http = axios.create({ validateStatus: () => true });

  const request = (
    method: 'GET' | 'PUT',
    uri: string,
    params: Record<string, string> = {},
    overrides: Record<string, string> = {},
    data?: unknown,
  ) =>
    http.request({
      method,
      url: `${sandbox.url}/naver${uri}`,
      params,
      data,
      headers: { ...naverAuthHeaders(credentials, method, uri), ...overrides },
    });

  it('serves the campaign list as a JSON array to a correctly signed request', async () => {
    const res = await request('GET', '/ncc/campaigns');
    expect(res.status).toBe(200);
    expect(res.headers['x-transaction-id']).toMatch(/^[0-9a-f]{16}$/);
    expect(Array.isArray(res.data)).toBe(true);
    expect(res.data).toHaveLength(6);
    expect(res.data[0]).toMatchObject({ customerId: 1234567, deliveryMethod: 'STANDARD', sharedBudgetId: null });
    expect(res.data[0].nccCampaignId).toMatch(/^cmp-a001-01-\d{15}$/);
    const paged = await request('GET', '/ncc/campaigns', {
      recordSize: '2',
      baseSearchId: res.data[1].nccCampaignId,
      selector: 'NEXT',
    });
    expect(paged.data.map((c: { nccCampaignId: string }) => c.nccCampaignId)).toEqual(
      res.data.slice(2, 4).map((c: { nccCampaignId: string }) => c.nccCampaignId),
    );
  });

  it('rejects bad signatures, stale timestamps, revoked keys and foreign customers like the gateway', async () => {
    const badSignature = await request('GET', '/ncc/campaigns', {}, { 'X-Signature': 'AAAA' });
    expect(badSignature.status).toBe(403);
    expect(badSignature.data.type).toBe('urn:naver:api:problem:invalid-signature');
    // Signed over the sandbox prefix instead of the API path: also invalid.
    const prefixed = await request(
      'GET',
      '/ncc/campaigns',
      {},
      naverAuthHeaders(credentials, 'GET', '/naver/ncc/campaigns'),
    );
    expect(prefixed.data.type).toBe('urn:naver:api:problem:invalid-signature');
    const stale = await request(
      'GET',
      '/ncc/campaigns',
      {},
      naverAuthHeaders(credentials, 'GET', '/ncc/campaigns', Date.now() - 61_000),
    );
    expect(stale.data).toMatchObject({ status: 403, title: 'Invalid Timestamp', detail: 'Request has expired.' });
    const foreign = await request(
      'GET',
      '/ncc/campaigns',
      {},
      naverAuthHeaders({ ...credentials, customerId: '999' }, 'GET', '/ncc/campaigns'),
    );
    expect(foreign.data.type).toBe('urn:naver:api:problem:auth-failed');
    sandbox.state.faults = { ...NO_FAULTS, expiredTokens: [grant.token] };
    try {
      const revoked = await request('GET', '/ncc/campaigns');
      expect(revoked.status).toBe(403);
      expect(revoked.data.type).toBe('urn:naver:api:problem:invalid-apikey');
    } finally {
      sandbox.state.faults = { ...NO_FAULTS };
    }
  });

  it('serves daily stats for one id, and only allDays for many ids', async () => {
    const campaigns = (await request('GET', '/ncc/campaigns')).data as Array<{ nccCampaignId: string }>;
    const id = campaigns[0]!.nccCampaignId;
    const params = {
      fields: '["impCnt","clkCnt","salesAmt","ccnt","convAmt","ctr","ror"]',
      timeRange: JSON.stringify({ since: from, until: to }),
    };
    const daily = await request('GET', '/stats', { ...params, id, timeIncrement: '1' });
    expect(daily.status).toBe(200);
    expect(daily.data.summary).toEqual({ dateStart: from, dateEnd: to });
    const truth = naverSandbox
      .truth(world, '1234567', from, to, sandbox.state.now(), sandbox.state.mutations)
      .filter((t) => t.entityId === id);
    expect(daily.data.data.map((r: { salesAmt: number }) => BigInt(r.salesAmt) * 1_000_000n)).toEqual(
      truth.map((t) => t.spendMicros),
    );
    for (const row of daily.data.data) expect(Number.isInteger(row.salesAmt)).toBe(true);
    const ids = campaigns.map((c) => c.nccCampaignId).join(',');
    const notDaily = await request('GET', '/stats', { ...params, ids, timeIncrement: '1' });
    expect(notDaily.status).toBe(400);
    expect(notDaily.data.code).toBe(1002);
    const summary = await request('GET', '/stats', { ...params, ids, timeIncrement: 'allDays' });
    expect(summary.status).toBe(200);
    expect(summary.data.cycleBaseTm).toMatch(/^\d{12}$/);
    expect(summary.data.data[0]).toHaveProperty('id');
  });

  it('serves a malformed body that breaks a documented field, which the parser names', async () => {
    const campaigns = (await request('GET', '/ncc/campaigns')).data as Array<{ nccCampaignId: string }>;
    const campaign = { id: campaigns[0]!.nccCampaignId, name: 'x', status: 'ELIGIBLE' };
    sandbox.state.faults = { ...NO_FAULTS, malformedRate: 1 };
    try {
      const res = await request('GET', '/stats', {
        id: campaign.id,
        fields: '["impCnt","clkCnt","salesAmt"]',
        timeRange: JSON.stringify({ since: from, until: to }),
      });
      expect(res.status).toBe(200);
      const ctx = { advertiserId: 'a', accountId: '1234567', isMature: () => false };
      expect(() => parseNaverDailyStats(res.data, campaign, { from, to }, ctx)).toThrow(/data\[0\]\.salesAmt/);
    } finally {
      sandbox.state.faults = { ...NO_FAULTS };
    }
  });

  it('changes a budget only through PUT ?fields=budget, absolute int KRW, and records the mutation', async () => {
    const campaigns = (await request('GET', '/ncc/campaigns')).data as Array<Record<string, unknown>>;
    const target = campaigns.find((c) => c.useDailyBudget === true)!;
    const uri = `/ncc/campaigns/${String(target.nccCampaignId)}`;
    const full = await request('PUT', uri, {}, {}, { ...target, dailyBudget: 150000 });
    expect(full.status).toBe(400); // without fields the real API would replace the whole campaign
    const invalid = await request('PUT', uri, { fields: 'budget' }, {}, { ...target, dailyBudget: 155555 });
    expect(invalid.data.code).toBe(3505);
    const updated = await request('PUT', uri, { fields: 'budget' }, {}, { ...target, dailyBudget: 150000 });
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({
      nccCampaignId: target.nccCampaignId,
      useDailyBudget: true,
      dailyBudget: 150000,
    });
    expect(sandbox.state.mutations.at(-1)).toMatchObject({
      platform: 'naver',
      accountId: '1234567',
      entityId: target.nccCampaignId,
      field: 'dailyBudget',
      oldValue: String(target.dailyBudget),
      newValue: '150000',
    });
    expect((await request('GET', uri)).data.dailyBudget).toBe(150000);
    sandbox.state.reset();
  });

  it('drives the connector end to end at both levels: rows equal truth, no secrets kept', async () => {
    const connector = naverSandboxConnector(sandbox, grant, {
      accountId: '7654321',
      advertiserId: 'dalbit-foods',
      pageSize: 4,
      isMature: (date) => isMature(date, new Date(), 'Asia/Seoul', { windowDays: 3 }),
    });
    const described = await connector.describeAccount();
    expect(described).toMatchObject({ currency: 'KRW', timeZone: 'Asia/Seoul' });
    const entityCursors: Array<string | null> = [];
    let cursor: string | null = null;
    let entities = 0;
    do {
      const page = await connector.fetchEntities('campaign', cursor);
      entities += page.items.length;
      cursor = page.next;
      entityCursors.push(cursor);
    } while (cursor);
    expect(entities).toBe(9);
    expect(entityCursors.length).toBe(3); // 4 + 4 + 1 with recordSize 4

    const rows: MetricRow[] = [];
    const exchanges: string[] = [];
    // A stale first signature (signed 2 minutes ago) is re-signed once instead of failing the page.
    const realNow = Date.now();
    vi.spyOn(Date, 'now').mockReturnValueOnce(realNow - 120_000);
    const requestsBefore = sandbox.state.requestCount;
    do {
      const page = await connector.fetchMetrics('campaign', { from, to }, cursor);
      rows.push(...page.items);
      exchanges.push(JSON.stringify(page.exchange));
      if (page.next) expect(page.next).toMatch(/^cmp-/);
      cursor = page.next;
    } while (cursor);
    vi.restoreAllMocks();
    expect(exchanges).toHaveLength(9);
    expect(sandbox.state.requestCount - requestsBefore).toBe(10); // 9 campaigns + 1 re-signed request

    // The ad group level: entities one page per campaign (cursor names where the pass stands), then one stats page
    // per ad group. This attempt's listing is reused, so metrics make no extra list calls.
    const adgroupEntities: EntitySnapshot[] = [];
    do {
      const page = await connector.fetchEntities('adset', cursor);
      adgroupEntities.push(...page.items);
      if (page.next) expect(page.next).toMatch(/^cmp-[a-z0-9-]+$/);
      cursor = page.next;
    } while (cursor);
    const adgroupsBefore = sandbox.state.requestCount;
    let adgroupPages = 0;
    do {
      const page = await connector.fetchMetrics('adset', { from, to }, cursor);
      rows.push(...page.items);
      exchanges.push(JSON.stringify(page.exchange));
      if (page.next) expect(page.next).toMatch(/^cmp-[a-z0-9-]+(\/grp-[a-z0-9-]+)?$/);
      adgroupPages += 1;
      cursor = page.next;
    } while (cursor);
    expect(adgroupPages).toBe(adgroupEntities.length);
    expect(sandbox.state.requestCount - adgroupsBefore).toBe(adgroupEntities.length); // stats calls only
    for (const entity of adgroupEntities) {
      expect(entity).toMatchObject({ level: 'adset', platform: 'naver', currency: 'KRW' });
      expect(entity.entityId).toMatch(/^grp-a001-01-\d{15}$/);
      expect(entity.campaignId).toMatch(/^cmp-a001-01-\d{15}$/);
    }

    const truth = naverSandbox.truth(world, '7654321', from, to, sandbox.state.now(), sandbox.state.mutations);
    expect(new Set(truth.map((t) => t.level))).toEqual(new Set(['campaign', 'adset']));
    const key = (r: { level: string; entityId: string; date: string }) => `${r.level}|${r.entityId}|${r.date}`;
    expect(rows.map(key).sort()).toEqual(truth.map(key).sort());
    const byKey = new Map(rows.map((r) => [key(r), r]));
    for (const t of truth) {
      const row = byKey.get(key(t));
      expect(row).toMatchObject({
        entityName: t.entityName,
        impressions: t.impressions,
        clicks: t.clicks,
        spendMicros: t.spendMicros,
        conversions: t.conversions,
        conversionValueMicros: t.conversionValueMicros,
        vatIncluded: true,
      });
      expect(row?.campaignId).toBe(t.campaignId);
    }
    const stored = exchanges.join('\n') + JSON.stringify(described.exchange);
    expect(stored).not.toContain(grant.token);
    expect(stored).not.toContain(grant.secret!);
  });
});
