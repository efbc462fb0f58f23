import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../../src/domain/dates';
import { ENTITY_LEVELS, type EntityLevel, type MetricRow } from '../../../src/domain/metrics';
import { classifyGoogleAdsError } from '../../../src/platforms/google_ads/errors';
import {
  adGroupsQuery,
  campaignsQuery,
  customerQuery,
  dailyMetricsQuery,
} from '../../../src/platforms/google_ads/gaql';
import { parseAdGroupsPage, parseCampaignsPage } from '../../../src/platforms/google_ads/entities';
import { parseCustomer, parseDailyMetricsPage } from '../../../src/platforms/google_ads/parse';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { parseGaql } from '../../../src/platforms/google_ads/sandbox/gaql';
import { GaqlError } from '../../../src/platforms/google_ads/sandbox/gaql-lexer';
import { googleAdsSandbox } from '../../../src/platforms/google_ads/sandbox';
import { startSandbox } from '../../../src/sandbox/server';
import { sandboxWorld, useSandbox } from '../../helpers/sandbox';

const TOKEN = 'sbx-google-oauth-ya29-5d7e1c';
const MANAGER = '1112223333';
const DAY_MS = 86_400_000;

describe('sandbox GAQL parser', () => {
  const code = (query: string) => {
    try {
      parseGaql(query);
      return 'ok';
    } catch (e) {
      if (e instanceof GaqlError) return e.code;
      throw e;
    }
  };

  it('parses the queries the connector sends', () => {
    expect(parseGaql(customerQuery())).toMatchObject({ resource: 'customer', conditions: [] });
    expect(parseGaql(campaignsQuery()).fields).toContain('campaign_budget.explicitly_shared');
    expect(parseGaql(adGroupsQuery())).toMatchObject({ resource: 'ad_group', conditions: [] });
    expect(parseGaql(dailyMetricsQuery({ from: '2026-01-01', to: '2026-01-07' }, 'adset'))).toMatchObject({
      resource: 'ad_group',
      dateRange: { from: '2026-01-01', to: '2026-01-07' },
    });
    expect(parseGaql(dailyMetricsQuery({ from: '2026-01-01', to: '2026-01-07' })).dateRange).toEqual({
      from: '2026-01-01',
      to: '2026-01-07',
    });
    expect(
      parseGaql(
        "select campaign.id, segments.date from campaign where segments.date >= '2026-01-01' and segments.date < '2026-01-08' and campaign.status IN (ENABLED, PAUSED) limit 5",
      ),
    ).toMatchObject({ dateRange: { from: '2026-01-01', to: '2026-01-07' }, limit: 5 });
  });

  it('rejects what the real API rejects, with its QueryError code', () => {
    expect(code('SELECT campaign.foo FROM campaign')).toBe('UNRECOGNIZED_FIELD');
    expect(code('campaign.id FROM campaign')).toBe('EXPECTED_SELECT');
    expect(code('SELECT campaign.id')).toBe('EXPECTED_FROM');
    expect(code('SELECT campaign.id FROM ad_group_ad')).toBe('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE');
    expect(code('SELECT campaign.id, segments.date FROM campaign')).toBe('EXPECTED_FILTERS_ON_DATE_RANGE');
    expect(code("SELECT segments.date FROM campaign WHERE segments.date BETWEEN '2026-01-01' '2026-01-02'")).toBe(
      'EXPECTED_AND',
    );
    expect(code("SELECT segments.date FROM campaign WHERE segments.date BETWEEN '2026-1-1' AND '2026-01-02'")).toBe(
      'INVALID_VALUE_WITH_BETWEEN_OPERATOR',
    );
    expect(code("SELECT segments.date FROM campaign WHERE segments.date BETWEEN '2026-01-03' AND '2026-01-02'")).toBe(
      'DATE_RANGE_TOO_NARROW',
    );
    expect(code('SELECT campaign.id FROM campaign WHERE campaign.status = RUNNING')).toBe('BAD_ENUM_CONSTANT');
    expect(code("SELECT campaign.id FROM campaign WHERE campaign.name = 'x")).toBe('STRING_NOT_TERMINATED');
    expect(code('SELECT campaign.id FROM campaign LIMIT 0')).toBe('BAD_LIMIT_VALUE');
    expect(code('SELECT campaign.id FROM campaign ORDER BY campaign.id')).toBe('QUERY_ERROR');
    expect(code('SELECT metrics.clicks FROM customer')).toBe('PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE');
    expect(code('SELECT campaign.id FROM campaign;')).toBe('UNEXPECTED_INPUT');
    // Ad groups: campaign_budget is attributed to campaign, not to ad_group; ad_group is not selectable FROM campaign.
    expect(code('SELECT ad_group.foo FROM ad_group')).toBe('UNRECOGNIZED_FIELD');
    expect(code('SELECT ad_group.id, campaign_budget.amount_micros FROM ad_group')).toBe(
      'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE',
    );
    expect(code('SELECT campaign.id, ad_group.id FROM campaign')).toBe('PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE');
    expect(code('SELECT ad_group.id FROM ad_group WHERE ad_group.status = RUNNING')).toBe('BAD_ENUM_CONSTANT');
    expect(code('SELECT ad_group.id FROM ad_group WHERE ad_group.type = SEARCH')).toBe('BAD_ENUM_CONSTANT');
    expect(code('SELECT ad_group.id FROM ad_group WHERE ad_group.id = abc')).toBe('BAD_VALUE');
    expect(code('SELECT ad_group.id FROM ad_group WHERE ad_group.campaign = 5')).toBe('BAD_VALUE');
    expect(code('SELECT ad_group.id, segments.date FROM ad_group')).toBe('EXPECTED_FILTERS_ON_DATE_RANGE');
    expect(code('SELECT ad_group.id, metrics.clicks FROM ad_group')).toBe('QUERY_ERROR');
  });
});

describe('Google Ads sandbox over HTTP', () => {
  const world = sandboxWorld();
  world.google_ads!.options = { ...world.google_ads!.options, pageSize: 25 };
  const sandbox = useSandbox(world);
  const customer = '1234567890';
  const ctx = {
    advertiserId: 'a',
    accountId: customer,
    currency: 'KRW',
    timeZone: 'Asia/Seoul',
    isMature: () => false,
  };
  const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
  const from = addDays(to, -6);

  async function call(method: string, body: unknown, headers: Record<string, string> = {}, cid = customer) {
    const response = await fetch(`${sandbox.url}/google_ads/v26/customers/${cid}/${method}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        'login-customer-id': MANAGER,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const errorCode = (body: Record<string, unknown>) =>
    (body as { error: { details: Array<{ errors: Array<{ errorCode: object }> }> } }).error.details[0]?.errors[0]
      ?.errorCode;

  /** Every page of a level's daily metrics query, parsed. */
  async function allMetricRows(level: EntityLevel, cid = customer, currency = 'KRW', timeZone = 'Asia/Seoul') {
    const query = dailyMetricsQuery({ from, to }, level);
    const rows: MetricRow[] = [];
    let pageToken: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await call('googleAds:search', pageToken ? { query, pageToken } : { query }, {}, cid);
      expect(status).toBe(200);
      const page = parseDailyMetricsPage(body, { ...ctx, accountId: cid, currency, timeZone }, { from, to }, level);
      rows.push(...page.items);
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken);
    return { rows, pages };
  }

  it('serves values that parse back exactly to the ground truth at both levels, across pages (KRW and USD)', async () => {
    for (const [cid, currency, timeZone] of [
      [customer, 'KRW', 'Asia/Seoul'],
      ['9876543210', 'USD', 'America/New_York'],
    ] as const) {
      for (const level of ENTITY_LEVELS) {
        const { rows, pages } = await allMetricRows(level, cid, currency, timeZone);
        const truth = googleAdsSandbox
          .truth(world, cid, from, to, sandbox.state.now(), sandbox.state.mutations)
          .filter((t) => t.level === level);
        expect(pages).toBeGreaterThan(1);
        expect(rows).toEqual(
          truth.map((t) =>
            expect.objectContaining({
              level,
              entityId: t.entityId,
              // Ad group rows name their campaign; campaign rows have no campaignId key at all.
              ...(t.campaignId === undefined ? {} : { campaignId: t.campaignId }),
              entityName: t.entityName,
              date: t.date,
              impressions: t.impressions,
              clicks: t.clicks,
              spendMicros: t.spendMicros,
              conversions: t.conversions,
              conversionValueMicros: t.conversionValueMicros,
            }),
          ),
        );
        expect(rows.every((r) => (level === 'campaign') === !('campaignId' in r))).toBe(true);
        // Data-driven attribution: some conversions are fractional, at both levels.
        expect(truth.some((t) => !Number.isInteger(t.conversions))).toBe(true);
      }
    }
  });

  it('answers the customer and campaigns queries', async () => {
    const described = parseCustomer((await call('googleAds:search', { query: customerQuery() })).body);
    expect(described).toEqual({ currency: 'KRW', timeZone: 'Asia/Seoul', name: 'Hanbit Search KR' });
    const { body } = await call('googleAds:search', { query: campaignsQuery() });
    const campaigns = parseCampaignsPage(body, ctx).items;
    expect(campaigns).toHaveLength(10);
    expect(campaigns.every((c) => /^\d{11}$/.test(c.entityId) && typeof c.dailyBudgetMicros === 'bigint')).toBe(true);
  });

  it('refuses pageSize, a token for another query, and an expired token', async () => {
    const query = dailyMetricsQuery({ from, to });
    expect(errorCode((await call('googleAds:search', { query, pageSize: 10 })).body)).toEqual({
      requestError: 'PAGE_SIZE_NOT_SUPPORTED',
    });
    const first = await call('googleAds:search', { query });
    const pageToken = first.body.nextPageToken as string;
    const other = await call('googleAds:search', { query: dailyMetricsQuery({ from, to: from }), pageToken });
    expect(other.status).toBe(400);
    expect(errorCode(other.body)).toEqual({ requestError: 'INVALID_PAGE_TOKEN' });
    sandbox.state.clockOffsetMs = 3 * 3_600_000;
    expect(errorCode((await call('googleAds:search', { query, pageToken })).body)).toEqual({
      requestError: 'EXPIRED_PAGE_TOKEN',
    });
  });

  it('checks the bearer token, its expiry and login-customer-id', async () => {
    const query = customerQuery();
    const missing = await call('googleAds:search', { query }, { Authorization: '' });
    expect(missing.status).toBe(401);
    expect(classifyGoogleAdsError(missing.status, missing.body).kind).toBe('auth');
    sandbox.state.faults = { ...NO_FAULTS, expiredTokens: [TOKEN] };
    const expired = await call('googleAds:search', { query });
    expect(expired.status).toBe(401);
    expect(errorCode(expired.body)).toEqual({ authenticationError: 'OAUTH_TOKEN_EXPIRED' });
    sandbox.state.faults = { ...NO_FAULTS };
    const noLogin = await call('googleAds:search', { query }, { 'login-customer-id': customer });
    expect(noLogin.status).toBe(403);
    expect(errorCode(noLogin.body)).toEqual({ authorizationError: 'USER_PERMISSION_DENIED' });
    expect((await call('googleAds:search', { query }, {}, '123-456-7890')).status).toBe(400);
    // The developer-token header is sunset: accepted and ignored, whatever it says.
    expect((await call('googleAds:search', { query }, { 'developer-token': 'anything' })).status).toBe(200);
  });

  it('serves faults in Google format: 429 with retryDelay, 500/503, and a malformed 200', async () => {
    sandbox.state.faults = { ...NO_FAULTS, rateLimitRate: 1 };
    const limited = await call('googleAds:search', { query: customerQuery() });
    expect(limited.status).toBe(429);
    expect(classifyGoogleAdsError(429, limited.body)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
    sandbox.state.faults = { ...NO_FAULTS, serverErrorRate: 1 };
    const failed = await call('googleAds:search', { query: customerQuery() });
    expect([500, 503]).toContain(failed.status);
    expect(classifyGoogleAdsError(failed.status, failed.body).kind).toBe('transient');
    sandbox.state.faults = { ...NO_FAULTS, malformedRate: 1 };
    const broken = await call('googleAds:search', { query: dailyMetricsQuery({ from, to }) });
    expect(broken.status).toBe(200);
    expect(() => parseDailyMetricsPage(broken.body, ctx)).toThrow(/results\[0\]\.metrics\.costMicros/);
  });

  it('sets a budget absolutely in micros, records it, and validates without applying', async () => {
    const { body } = await call('googleAds:search', {
      query: 'SELECT campaign.id, campaign_budget.resource_name, campaign_budget.amount_micros FROM campaign LIMIT 1',
    });
    const budget = (body.results as Array<{ campaignBudget: { resourceName: string; amountMicros: string } }>)[0]!
      .campaignBudget;
    const op = (amountMicros: string) => ({
      operations: [{ updateMask: 'amountMicros', update: { resourceName: budget.resourceName, amountMicros } }],
    });
    const applied = await call('campaignBudgets:mutate', op('150000000000'));
    expect(applied.body).toEqual({ results: [{ resourceName: budget.resourceName }] });
    expect(sandbox.state.budgets.get(budget.resourceName)).toBe(150_000_000_000n);
    expect(sandbox.state.mutations[0]).toMatchObject({
      platform: 'google_ads',
      accountId: customer,
      entityId: budget.resourceName,
      oldValue: budget.amountMicros,
      newValue: '150000000000',
      validateOnly: false,
    });
    const again = await call('campaignBudgets:mutate', { ...op('90000000000'), validateOnly: true });
    expect(again.body).toEqual({});
    expect(sandbox.state.budgets.get(budget.resourceName)).toBe(150_000_000_000n);
    const odd = await call('campaignBudgets:mutate', op('150000500000'));
    expect(errorCode(odd.body)).toEqual({ campaignBudgetError: 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT' });
    const read = await call('googleAds:search', {
      query: 'SELECT campaign_budget.amount_micros FROM campaign LIMIT 1',
    });
    expect(read.body.results).toEqual([
      { campaignBudget: { resourceName: budget.resourceName, amountMicros: '150000000000' } },
    ]);
  });

  it('streams the same rows as one array of batches', async () => {
    const query = dailyMetricsQuery({ from, to });
    const { status, body } = (await call('googleAds:searchStream', { query })) as unknown as {
      status: number;
      body: Array<{ results: unknown[] }>;
    };
    expect(status).toBe(200);
    const truth = googleAdsSandbox.truth(world, customer, from, to, sandbox.state.now(), sandbox.state.mutations);
    expect(body.flatMap((b) => b.results)).toHaveLength(truth.filter((t) => t.level === 'campaign').length);
  });

  describe('ad groups (FROM ad_group)', () => {
    it('serves each campaign 1–3 ad groups with stable int64 ids distinct from campaign ids, and no budget', async () => {
      const campaigns = parseCampaignsPage((await call('googleAds:search', { query: campaignsQuery() })).body, ctx);
      const first = await call('googleAds:search', { query: adGroupsQuery() });
      expect(first.status).toBe(200);
      const raw = first.body.results as Array<{ adGroup: Record<string, string>; campaign: Record<string, string> }>;
      expect(raw[0]?.adGroup.resourceName).toBe(`customers/${customer}/adGroups/${raw[0]?.adGroup.id}`);
      expect(raw[0]?.campaign.resourceName).toBe(`customers/${customer}/campaigns/${raw[0]?.campaign.id}`);
      expect(first.body.fieldMask).toBe('adGroup.id,adGroup.name,adGroup.status,adGroup.type,campaign.id');
      const adGroups = parseAdGroupsPage(first.body, ctx).items;
      const campaignIds = new Set(campaigns.items.map((c) => c.entityId));
      for (const c of campaignIds) {
        const count = adGroups.filter((g) => g.campaignId === c).length;
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count).toBeLessThanOrEqual(3);
      }
      expect(adGroups.every((g) => /^\d{12}$/.test(g.entityId) && !campaignIds.has(g.entityId))).toBe(true);
      expect(new Set(adGroups.map((g) => g.entityId)).size).toBe(adGroups.length);
      expect(adGroups.every((g) => g.dailyBudgetMicros === null && campaignIds.has(g.campaignId ?? ''))).toBe(true);
      // Deterministic: another server on the same world serves the same ad groups.
      const again = await startSandbox(world);
      try {
        const response = await fetch(`${again.url}/google_ads/v26/customers/${customer}/googleAds:search`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'login-customer-id': MANAGER },
          body: JSON.stringify({ query: adGroupsQuery() }),
        });
        expect(parseAdGroupsPage(await response.json(), ctx).items).toEqual(adGroups);
      } finally {
        await again.close();
      }
    });

    it("splits each campaign-day exactly: a day's ad group rows add up to the campaign row", () => {
      const truth = googleAdsSandbox.truth(world, customer, from, to, sandbox.state.now(), sandbox.state.mutations);
      for (const c of truth.filter((t) => t.level === 'campaign')) {
        const parts = truth.filter((t) => t.level === 'adset' && t.campaignId === c.entityId && t.date === c.date);
        expect(parts.length).toBeGreaterThan(0);
        expect(parts.reduce((sum, p) => sum + p.spendMicros, 0n)).toBe(c.spendMicros);
        expect(parts.reduce((sum, p) => sum + p.impressions, 0)).toBe(c.impressions);
        expect(parts.reduce((sum, p) => sum + p.clicks, 0)).toBe(c.clicks);
        expect(parts.reduce((sum, p) => sum + p.conversionValueMicros, 0n)).toBe(c.conversionValueMicros);
        // Each ad group has its own data-driven credit share: close to the campaign's count, not equal to it.
        const conversions = parts.reduce((sum, p) => sum + p.conversions, 0);
        expect(Math.abs(conversions - c.conversions)).toBeLessThanOrEqual(Math.max(1, c.conversions * 0.25));
      }
    });

    it('restates ad groups together with their campaign when late conversions arrive', async () => {
      const before = googleAdsSandbox.truth(world, customer, from, to, sandbox.state.now(), sandbox.state.mutations);
      sandbox.state.clockOffsetMs = 4 * DAY_MS;
      const { rows } = await allMetricRows('adset');
      const old = new Map(before.map((t) => [`${t.level}|${t.entityId}|${t.date}`, t]));
      const changed = rows.filter((r) => old.get(`adset|${r.entityId}|${r.date}`)?.conversions !== r.conversions);
      expect(changed.length).toBeGreaterThan(0);
      // Spend, impressions and clicks are final: only conversions move.
      for (const r of rows) expect(old.get(`adset|${r.entityId}|${r.date}`)?.spendMicros).toBe(r.spendMicros);
    });

    it('filters by campaign.id, ad_group.campaign and ad_group.status', async () => {
      const search = async (query: string) => parseAdGroupsPage((await call('googleAds:search', { query })).body, ctx);
      const all = (await search(adGroupsQuery())).items;
      const campaignId = all[0]!.campaignId!;
      const own = all.filter((g) => g.campaignId === campaignId).map((g) => g.entityId);
      const byId = await search(`${adGroupsQuery()} WHERE campaign.id = ${campaignId}`);
      expect(byId.items.map((g) => g.entityId)).toEqual(own);
      const parent = `customers/${customer}/campaigns/${campaignId}`;
      const byParent = await search(`${adGroupsQuery()} WHERE ad_group.campaign = '${parent}'`);
      expect(byParent.items.map((g) => g.entityId)).toEqual(own);
      expect((await search(`${adGroupsQuery()} WHERE ad_group.status IN (ENABLED, PAUSED)`)).items).toEqual(all);
    });

    it("answers bad queries, pageSize and another query's page token with Google's errors", async () => {
      const query = dailyMetricsQuery({ from, to }, 'adset');
      const unknown = await call('googleAds:search', { query: 'SELECT ad_group.foo FROM ad_group' });
      expect(unknown.status).toBe(400);
      expect(errorCode(unknown.body)).toEqual({ queryError: 'UNRECOGNIZED_FIELD' });
      expect(errorCode((await call('googleAds:search', { query, pageSize: 10 })).body)).toEqual({
        requestError: 'PAGE_SIZE_NOT_SUPPORTED',
      });
      const campaignPage = await call('googleAds:search', { query: dailyMetricsQuery({ from, to }) });
      const crossed = await call('googleAds:search', { query, pageToken: campaignPage.body.nextPageToken });
      expect(crossed.status).toBe(400);
      expect(errorCode(crossed.body)).toEqual({ requestError: 'INVALID_PAGE_TOKEN' });
    });

    it('applies auth checks and fault injection to ad group queries too', async () => {
      const query = adGroupsQuery();
      expect((await call('googleAds:search', { query }, { Authorization: '' })).status).toBe(401);
      expect(errorCode((await call('googleAds:search', { query }, { 'login-customer-id': customer })).body)).toEqual({
        authorizationError: 'USER_PERMISSION_DENIED',
      });
      sandbox.state.faults = { ...NO_FAULTS, rateLimitRate: 1 };
      const limited = await call('googleAds:search', { query });
      expect(limited.status).toBe(429);
      expect(errorCode(limited.body)).toEqual({ quotaError: 'RESOURCE_EXHAUSTED' });
      sandbox.state.faults = { ...NO_FAULTS, malformedRate: 1 };
      const broken = await call('googleAds:search', { query: dailyMetricsQuery({ from, to }, 'adset') });
      expect(() => parseDailyMetricsPage(broken.body, ctx, { from, to }, 'adset')).toThrow(
        /results\[0\]\.metrics\.costMicros/,
      );
    });
  });
});
