import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import { classifyGoogleAdsError } from '../../src/platforms/google_ads/errors';
import { campaignsQuery, customerQuery, dailyMetricsQuery } from '../../src/platforms/google_ads/gaql';
import { parseCampaignsPage, parseCustomer, parseDailyMetricsPage } from '../../src/platforms/google_ads/parse';
import { NO_FAULTS } from '../../src/sandbox/faults';
import { parseGaql } from '../../src/sandbox/google_ads/gaql';
import { GaqlError } from '../../src/sandbox/google_ads/gaql-lexer';
import { googleAdsSandbox } from '../../src/sandbox/google_ads';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { loadSandboxWorld, type SandboxWorld } from '../../src/sandbox/world';
import { projectRoot } from '../../src/stack/paths';

const TOKEN = 'sbx-google-oauth-ya29-5d7e1c';
const MANAGER = '1112223333';

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
    expect(code('SELECT campaign.id FROM ad_group')).toBe('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE');
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
  });
});

describe('Google Ads sandbox over HTTP', () => {
  let sandbox: RunningSandbox;
  let world: SandboxWorld;
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

  beforeAll(async () => {
    world = loadSandboxWorld(path.join(projectRoot(), 'config', 'sandbox.yaml'));
    world.google_ads!.options = { ...world.google_ads!.options, pageSize: 25 };
    sandbox = await startSandbox(world);
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => sandbox.state.reset());

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

  it('serves values that parse back exactly to the ground truth, across pages (KRW and USD)', async () => {
    for (const [cid, currency, timeZone] of [
      [customer, 'KRW', 'Asia/Seoul'],
      ['9876543210', 'USD', 'America/New_York'],
    ] as const) {
      const query = dailyMetricsQuery({ from, to });
      const rows = [];
      let pageToken: string | null = null;
      let pages = 0;
      do {
        const { status, body } = await call('googleAds:search', pageToken ? { query, pageToken } : { query }, {}, cid);
        expect(status).toBe(200);
        const page = parseDailyMetricsPage(body, { ...ctx, accountId: cid, currency, timeZone }, { from, to });
        rows.push(...page.items);
        pageToken = page.nextPageToken;
        pages += 1;
      } while (pageToken);
      const truth = googleAdsSandbox.truth(world, cid, from, to, sandbox.state.now());
      expect(pages).toBeGreaterThan(1);
      expect(rows.map((r) => ({ ...r }))).toEqual(
        truth.map((t) =>
          expect.objectContaining({
            entityId: t.entityId,
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
      // Data-driven attribution: some conversions are fractional.
      expect(truth.some((t) => !Number.isInteger(t.conversions))).toBe(true);
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
    const truth = googleAdsSandbox.truth(world, customer, from, to, sandbox.state.now());
    expect(body.flatMap((b) => b.results)).toHaveLength(truth.length);
  });
});
