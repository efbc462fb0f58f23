import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { decodeAdgroupCursor, encodeAdgroupCursor } from '../../../src/platforms/naver/connector/cursor';
import { addDays, dateInZone } from '../../../src/domain/dates';
import { parseNaverAdgroups } from '../../../src/platforms/naver/entities';
import { parseNaverDailyStats } from '../../../src/platforms/naver/parse';
import { naverAuthHeaders } from '../../../src/platforms/naver/signature';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { naverSandbox } from '../../../src/platforms/naver/sandbox';
import { naverAdgroups } from '../../../src/platforms/naver/sandbox/adgroup-data';
import { naverCampaigns } from '../../../src/platforms/naver/sandbox/data';
import { formatError } from '../../helpers/format-errors';
import { naverSandboxConnector, naverTestWorld } from '../../helpers/naver-connector';
import { useSandbox } from '../../helpers/sandbox';

const ctx = { advertiserId: 'hanbit', accountId: '1234567', isMature: (date: string) => date < '2025-06-02' };
const campaignId = 'cmp-a001-01-000000001234567';

// GET /ncc/adgroups?nccCampaignId=… answers a JSON array of Adgroup (ncc-heroes-ncc.json Adgroup definition).
const adgroups = [
  {
    nccAdgroupId: 'grp-a001-01-000000012345671',
    customerId: 1234567,
    nccCampaignId: campaignId,
    mobileChannelId: 'bsn-a001-00-000000000123456',
    pcChannelId: 'bsn-a001-00-000000000123456',
    name: '브랜드_키워드',
    adgroupType: 'WEB_SITE',
    userLock: false,
    bidAmt: 700,
    useDailyBudget: true,
    dailyBudget: 30000,
    budgetLock: false,
    sharedBudgetId: null,
    pcNetworkBidWeight: 100,
    mobileNetworkBidWeight: 100,
    useCntsNetworkBidAmt: false,
    status: 'ELIGIBLE',
    statusReason: 'ELIGIBLE',
    regTm: '2024-03-01T02:15:09.000Z',
    editTm: '2025-06-01T00:02:41.000Z',
  },
  // The campaign's budget applies: useDailyBudget false, dailyBudget left at its default 0.
  {
    nccAdgroupId: 'grp-a001-01-000000012345672',
    customerId: 1234567,
    nccCampaignId: campaignId,
    name: '일반_키워드',
    adgroupType: 'WEB_SITE',
    userLock: true,
    bidAmt: 70,
    useDailyBudget: false,
    dailyBudget: 0,
    status: 'PAUSED',
    statusReason: 'GROUP_PAUSED',
  },
  // A shared budget overrides the group's own.
  {
    nccAdgroupId: 'grp-a001-01-000000012345673',
    customerId: 1234567,
    nccCampaignId: campaignId,
    name: '공유예산_그룹',
    useDailyBudget: true,
    dailyBudget: 50000,
    sharedBudgetId: 'sbg-a001-01-000000000000001',
    status: 'LIMITED_ELIGIBLE',
    statusReason: 'GROUP_LIMITED_BY_BUDGET',
  },
];

describe('Naver ad group list parsing', () => {
  it('maps ad groups to adset snapshots under their campaign, budgets int KRW → micros', () => {
    const page = parseNaverAdgroups(adgroups, campaignId, ctx);
    expect(page.adgroups).toEqual([
      { id: 'grp-a001-01-000000012345671', name: '브랜드_키워드', status: 'ELIGIBLE', campaignId },
      { id: 'grp-a001-01-000000012345672', name: '일반_키워드', status: 'PAUSED', campaignId },
      { id: 'grp-a001-01-000000012345673', name: '공유예산_그룹', status: 'LIMITED_ELIGIBLE', campaignId },
    ]);
    expect(page.entities[0]).toEqual({
      platform: 'naver',
      accountId: '1234567',
      advertiserId: 'hanbit',
      level: 'adset',
      entityId: 'grp-a001-01-000000012345671',
      campaignId,
      name: '브랜드_키워드',
      status: 'ELIGIBLE',
      currency: 'KRW',
      dailyBudgetMicros: 30_000_000_000n,
    });
    expect(page.entities.map((e) => e.dailyBudgetMicros)).toEqual([30_000_000_000n, null, null]);
    expect(parseNaverAdgroups([], campaignId, ctx)).toEqual({ adgroups: [], entities: [] });
  });

  it('names the broken field', () => {
    const first = adgroups[0]!;
    const fieldOf = (body: unknown) => formatError(() => parseNaverAdgroups(body, campaignId, ctx)).field;
    expect(fieldOf([{ ...first, dailyBudget: 'N/A' }])).toBe('[0].dailyBudget');
    expect(fieldOf([{ ...first, dailyBudget: 30000.5 }])).toBe('[0].dailyBudget');
    // The old Java sample models useDailyBudget as an Integer; the spec says boolean, and only that is accepted.
    expect(fieldOf([{ ...first, useDailyBudget: 1 }])).toBe('[0].useDailyBudget');
    expect(fieldOf([first, { ...first, nccAdgroupId: undefined }])).toBe('[1].nccAdgroupId');
    expect(fieldOf([{ ...first, nccAdgroupId: campaignId }])).toBe('[0].nccAdgroupId');
    expect(fieldOf([{ ...first, nccCampaignId: 'cmp-a001-01-000000001234568' }])).toBe('[0].nccCampaignId');
    expect(fieldOf([{ ...first, customerId: 7654321 }])).toBe('[0].customerId');
    expect(fieldOf({ data: adgroups })).toBe('(body)');
  });
});

describe('Naver ad group /stats parsing', () => {
  const adgroup = { id: 'grp-a001-01-000000012345671', name: '브랜드_키워드', status: 'ELIGIBLE', campaignId };
  const range = { from: '2025-06-01', to: '2025-06-02' };
  // The same daily form as campaigns (reference §3.3), asked with id=grp-….
  const body = {
    data: [
      {
        dateStart: '2025-06-01',
        dateEnd: '2025-06-01',
        impCnt: 5230,
        clkCnt: 141,
        salesAmt: 61380,
        ccnt: 4,
        convAmt: 320000,
        ctr: 2.7,
        cpc: 435.32,
      },
    ],
    summary: { dateStart: '2025-06-01', dateEnd: '2025-06-02' },
  };

  it('gives adset rows that name their campaign, money exact, VAT-inclusive like campaign rows', () => {
    expect(parseNaverDailyStats(body, adgroup, range, ctx)).toEqual([
      {
        platform: 'naver',
        accountId: '1234567',
        advertiserId: 'hanbit',
        level: 'adset',
        entityId: 'grp-a001-01-000000012345671',
        campaignId,
        entityName: '브랜드_키워드',
        date: '2025-06-01',
        currency: 'KRW',
        timeZone: 'Asia/Seoul',
        impressions: 5230,
        clicks: 141,
        spendMicros: 61_380_000_000n,
        conversions: 4,
        conversionValueMicros: 320_000_000_000n,
        mature: true,
        vatIncluded: true,
      },
    ]);
    // A campaign row has no campaignId key at all (undefined would be stored as null).
    const [campaignRow] = parseNaverDailyStats(body, { id: campaignId, name: 'c', status: 'ELIGIBLE' }, range, ctx);
    expect(campaignRow).toMatchObject({ level: 'campaign', entityId: campaignId });
    expect(Object.keys(campaignRow!)).not.toContain('campaignId');
  });

  it('names the broken field of an ad group row', () => {
    const broken = { data: [{ ...body.data[0], salesAmt: 'N/A' }] };
    expect(formatError(() => parseNaverDailyStats(broken, adgroup, range, ctx)).field).toBe('data[0].salesAmt');
  });
});

describe('Naver ad group cursor', () => {
  it('round-trips campaign and ad group positions and rejects anything else', () => {
    const position = { campaignId, adgroupId: 'grp-a001-01-000000012345671' };
    expect(decodeAdgroupCursor(encodeAdgroupCursor(position))).toEqual(position);
    expect(decodeAdgroupCursor(campaignId)).toEqual({ campaignId, adgroupId: null });
    expect(() => decodeAdgroupCursor('grp-a001-01-000000012345671')).toThrow(/unreadable ad group cursor/);
    expect(() => decodeAdgroupCursor(`${campaignId}/x/y`)).toThrow(/unreadable/);
  });
});

const { world, grant, credentials } = naverTestWorld();
const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
const from = addDays(to, -6);
const customer = world.naver!.accounts.find((a) => a.id === '1234567')!;
const campaigns = naverCampaigns(world.seed, customer);
const groupsOf = (index: number) => naverAdgroups(world.seed, customer, campaigns[index]!);

describe('Naver sandbox: GET /ncc/adgroups and /stats for ad groups', () => {
  const sandbox = useSandbox(world, { resetEachTest: false });
  const http = axios.create({ validateStatus: () => true });
  const get = (uri: string, params: Record<string, string> = {}, headers = naverAuthHeaders(credentials, 'GET', uri)) =>
    http.get(`${sandbox.url}/naver${uri}`, { params, headers });

  it('lists a campaign’s ad groups as a JSON array, with group budgets only where the campaign has none', async () => {
    const withBudget = campaigns.findIndex((c) => c.dailyBudgetWon !== null);
    const withoutBudget = campaigns.findIndex((c) => c.dailyBudgetWon === null);
    for (const index of [withBudget, withoutBudget]) {
      const campaign = campaigns[index]!;
      const res = await get('/ncc/adgroups', { nccCampaignId: campaign.id });
      expect(res.status).toBe(200);
      expect(res.headers['x-transaction-id']).toMatch(/^[0-9a-f]{16}$/);
      const expected = groupsOf(index);
      expect(res.data.map((g: { nccAdgroupId: string }) => g.nccAdgroupId)).toEqual(expected.map((g) => g.id));
      for (const [i, group] of (res.data as Array<Record<string, unknown>>).entries()) {
        expect(group).toMatchObject({ customerId: 1234567, nccCampaignId: campaign.id, userLock: false });
        expect(group.nccAdgroupId).toMatch(/^grp-a001-01-\d{15}$/);
        expect(group.name).toBe(expected[i]!.name);
        expect(Number.isInteger(group.dailyBudget) && Number.isInteger(group.bidAmt)).toBe(true);
        if (campaign.dailyBudgetWon === null) {
          expect(group.useDailyBudget).toBe(true);
          expect(BigInt(group.dailyBudget as number) * 1_000_000n).toBe(expected[i]!.dailyBudgetMicros);
        } else {
          expect(group).toMatchObject({ useDailyBudget: false, dailyBudget: 0 });
        }
      }
      // What the sandbox serves is what the parser reads.
      const page = parseNaverAdgroups(res.data, campaign.id, ctx);
      expect(page.entities.map((e) => e.dailyBudgetMicros)).toEqual(expected.map((g) => g.dailyBudgetMicros));
    }
  });

  it('pages with recordSize, baseSearchId and selector, and multi-gets by ids', async () => {
    const index = [0, 1, 2, 3, 4, 5].find((i) => groupsOf(i).length >= 3)!;
    const campaign = campaigns[index]!;
    const ids = groupsOf(index).map((g) => g.id);
    const page = async (params: Record<string, string>) =>
      (
        (await get('/ncc/adgroups', { nccCampaignId: campaign.id, ...params })).data as Array<{ nccAdgroupId: string }>
      ).map((g) => g.nccAdgroupId);
    expect(await page({ recordSize: '1' })).toEqual(ids.slice(0, 1));
    expect(await page({ recordSize: '1', baseSearchId: ids[0]!, selector: 'NEXT' })).toEqual(ids.slice(1, 2));
    expect(await page({ recordSize: '5', baseSearchId: ids[0]! })).toEqual(ids.slice(1));
    expect(await page({ baseSearchId: ids[2]!, selector: 'PREVIOUS', recordSize: '1' })).toEqual(ids.slice(1, 2));
    const multi = await get('/ncc/adgroups', { ids: `${ids[2]},${ids[0]}` });
    expect(multi.data.map((g: { nccAdgroupId: string }) => g.nccAdgroupId)).toEqual([ids[2], ids[0]]);
    const one = await get(`/ncc/adgroups/${ids[1]}`);
    expect(one.data).toMatchObject({ nccAdgroupId: ids[1], nccCampaignId: campaign.id });
  });

  it('answers bad parameters and foreign ids with Naver’s error envelope', async () => {
    const campaign = campaigns[0]!;
    const foreignCampaign = naverCampaigns(
      world.seed,
      world.naver!.accounts.find((a) => a.id === '7654321')!,
    )[0]!;
    const error = async (uri: string, params: Record<string, string>) => {
      const res = await get(uri, params);
      return [res.status, res.data.code] as const;
    };
    expect(await error('/ncc/adgroups', {})).toEqual([400, 1002]);
    expect(await error('/ncc/adgroups', { nccCampaignId: 'grp-a001-01-000012345670101' })).toEqual([400, 3504]);
    expect(await error('/ncc/adgroups', { nccCampaignId: foreignCampaign.id })).toEqual([404, 1018]);
    expect(await error('/ncc/adgroups', { nccCampaignId: campaign.id, recordSize: '0' })).toEqual([400, 2024]);
    expect(await error('/ncc/adgroups', { nccCampaignId: campaign.id, recordSize: '1001' })).toEqual([400, 2024]);
    expect(await error('/ncc/adgroups', { nccCampaignId: campaign.id, selector: 'LAST' })).toEqual([400, 1002]);
    expect(await error('/ncc/adgroups', { ids: campaign.id })).toEqual([400, 3705]);
    const foreignGroup = naverAdgroups(world.seed, world.naver!.accounts[1]!, foreignCampaign)[0]!;
    expect(await error('/ncc/adgroups', { ids: foreignGroup.id })).toEqual([404, 1018]);
    expect(await error(`/ncc/adgroups/${foreignGroup.id}`, {})).toEqual([404, 1018]);
  });

  it('checks the signature over the path without the query, as for every other path', async () => {
    const params = { nccCampaignId: campaigns[0]!.id };
    const withQuery = await get('/ncc/adgroups', params, naverAuthHeaders(credentials, 'GET', '/ncc/adgroups?x=1'));
    expect(withQuery.status).toBe(403);
    expect(withQuery.data.type).toBe('urn:naver:api:problem:invalid-signature');
    const campaignPath = await get('/ncc/adgroups', params, naverAuthHeaders(credentials, 'GET', '/ncc/campaigns'));
    expect(campaignPath.data.type).toBe('urn:naver:api:problem:invalid-signature');
  });

  it('serves daily stats per ad group that add up exactly to the campaign’s row of each day', async () => {
    const index = [0, 1, 2, 3, 4, 5].find((i) => groupsOf(i).length >= 2 && campaigns[i]!.status === 'ACTIVE')!;
    const campaign = campaigns[index]!;
    const params = {
      fields: '["impCnt","clkCnt","salesAmt","ccnt","convAmt"]',
      timeRange: JSON.stringify({ since: from, until: to }),
      timeIncrement: '1',
    };
    type Row = { dateStart: string; impCnt: number; clkCnt: number; salesAmt: number; convAmt: number };
    const campaignRows = (await get('/stats', { ...params, id: campaign.id })).data.data as Row[];
    expect(campaignRows.length).toBeGreaterThan(0);
    const sums = new Map<string, { impCnt: number; clkCnt: number; salesAmt: number; convAmt: number }>();
    for (const group of groupsOf(index)) {
      const res = await get('/stats', { ...params, id: group.id });
      expect(res.status).toBe(200);
      for (const row of res.data.data as Row[]) {
        expect(Number.isInteger(row.salesAmt)).toBe(true);
        const sum = sums.get(row.dateStart) ?? { impCnt: 0, clkCnt: 0, salesAmt: 0, convAmt: 0 };
        sums.set(row.dateStart, {
          impCnt: sum.impCnt + row.impCnt,
          clkCnt: sum.clkCnt + row.clkCnt,
          salesAmt: sum.salesAmt + row.salesAmt,
          convAmt: sum.convAmt + row.convAmt,
        });
      }
    }
    for (const row of campaignRows) {
      expect(sums.get(row.dateStart)).toEqual({
        impCnt: row.impCnt,
        clkCnt: row.clkCnt,
        salesAmt: row.salesAmt,
        convAmt: row.convAmt,
      });
    }
    // Truth has the same ad group rows, under their campaign.
    const truth = naverSandbox.truth(world, '1234567', from, to, sandbox.state.now(), sandbox.state.mutations);
    const groupTruth = truth.filter((t) => t.level === 'adset' && t.campaignId === campaign.id);
    expect(groupTruth.reduce((n, t) => n + t.spendMicros, 0n)).toBe(
      campaignRows.reduce((n, r) => n + BigInt(r.salesAmt) * 1_000_000n, 0n),
    );
    // The summary form takes ad group ids too, and still refuses daily rows for many ids.
    const ids = groupsOf(index)
      .map((g) => g.id)
      .join(',');
    const summary = await get('/stats', { ...params, ids, timeIncrement: 'allDays' });
    expect(summary.status).toBe(200);
    expect(summary.data.data[0].id).toMatch(/^grp-/);
    expect((await get('/stats', { ...params, ids })).data.code).toBe(1002);
  });

  it('applies fault injection to the ad group list: a malformed body the parser names', async () => {
    sandbox.state.faults = { ...NO_FAULTS, malformedRate: 1 };
    try {
      const res = await get('/ncc/adgroups', { nccCampaignId: campaigns[0]!.id });
      expect(res.status).toBe(200);
      expect(() => parseNaverAdgroups(res.data, campaigns[0]!.id, ctx)).toThrow(/\[0\]\.dailyBudget/);
    } finally {
      sandbox.state.faults = { ...NO_FAULTS };
    }
    sandbox.state.faults = { ...NO_FAULTS, rateLimitRate: 1 };
    try {
      expect((await get('/ncc/adgroups', { nccCampaignId: campaigns[0]!.id })).status).toBe(429);
    } finally {
      sandbox.state.faults = { ...NO_FAULTS };
    }
  });

  it('connector: a fresh attempt resumes ad group pages from a cursor, listing only what it needs', async () => {
    const connector = () =>
      naverSandboxConnector(sandbox, grant, {
        accountId: '1234567',
        advertiserId: 'hanbit',
        pageSize: 1,
        isMature: () => false,
      });
    const index = [0, 1, 2, 3, 4, 5].find((i) => groupsOf(i).length >= 2)!;
    const campaign = campaigns[index]!;
    const [first, second] = groupsOf(index);

    // Entities with recordSize 1: the cursor carries the campaign and the last ad group listed.
    let before = sandbox.state.requestCount;
    const entities = await connector().fetchEntities(
      'adset',
      encodeAdgroupCursor({ campaignId: campaign.id, adgroupId: first!.id }),
    );
    expect(entities.items.map((e) => e.entityId)).toEqual([second!.id]);
    expect(entities.items[0]).toMatchObject({ level: 'adset', campaignId: campaign.id });
    expect(entities.next).toBe(encodeAdgroupCursor({ campaignId: campaign.id, adgroupId: second!.id }));
    // A resumed attempt re-lists the 6 campaigns one by one (recordSize 1, 7 calls), then asks one page.
    expect(sandbox.state.requestCount - before).toBe(campaigns.length + 1 + 1);

    // Metrics: the cursor names the ad group to fetch; the page is exactly that group's rows.
    before = sandbox.state.requestCount;
    const page = await connector().fetchMetrics(
      'adset',
      { from, to },
      encodeAdgroupCursor({ campaignId: campaign.id, adgroupId: second!.id }),
    );
    expect(new Set(page.items.map((r) => r.entityId))).toEqual(new Set([second!.id]));
    expect(page.items.every((r) => r.campaignId === campaign.id && r.level === 'adset')).toBe(true);
    const groups = groupsOf(index);
    // campaigns re-listed + this campaign's ad groups (one page each at recordSize 1, plus the empty last one) + stats
    expect(sandbox.state.requestCount - before).toBe(campaigns.length + 1 + groups.length + 1 + 1);
    const third = groups[2];
    expect(page.next).toBe(
      third
        ? encodeAdgroupCursor({ campaignId: campaign.id, adgroupId: third.id })
        : campaigns[index + 1]
          ? campaigns[index + 1]!.id
          : null,
    );
  });
});
