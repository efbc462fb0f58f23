import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { AbortError } from 'p-retry';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGoogleAdsConnector } from '../../../src/platforms/google_ads/connector/connector';
import { ApiCallError } from '../../../src/connectors/http-client';
import { RequestPacer } from '../../../src/connectors/rate-limiter';
import { loadConfig } from '../../../src/config/load';
import { addDays, dateInZone } from '../../../src/domain/dates';
import { adGroupsQuery, dailyMetricsQuery } from '../../../src/platforms/google_ads/gaql';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';
import { loadSandboxWorld } from '../../../src/sandbox/world';
import { projectRoot } from '../../../src/stack/paths';

const root = projectRoot();
const secrets = parseEnv(readFileSync(path.join(root, 'config', 'sandbox.env'), 'utf8')) as Record<string, string>;
const config = loadConfig(path.join(root, 'config'));
const account = config.accounts.advertisers
  .flatMap((a) => a.accounts)
  .find((a) => a.platform === 'google_ads' && a.accountId === '1234567890')!;

describe('Google Ads connector against the sandbox', () => {
  let sandbox: RunningSandbox;
  const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
  const range = { from: addDays(to, -6), to };

  beforeAll(async () => {
    const world = loadSandboxWorld(path.join(root, 'config', 'sandbox.yaml'));
    world.google_ads!.options = { ...world.google_ads!.options, pageSize: 25 };
    sandbox = await startSandbox(world);
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => sandbox.state.reset());

  const connector = () =>
    createGoogleAdsConnector({
      platform: 'google_ads',
      account,
      advertiserId: 'hanbit-cosmetics',
      settings: config.platforms.platforms.google_ads!,
      baseUrl: `${sandbox.url}/google_ads`,
      credential: (key) => secrets[account.credentials[key]!]!,
      policy: {
        pacer: new RequestPacer(1000),
        timeoutMs: 2000,
        attempts: 1,
        maxInAttemptWaitMs: 5000,
        minBackoffMs: 10,
      },
      isMature: () => false,
      now: () => new Date(),
    });

  it('describes the customer and keeps secrets out of the stored exchange', async () => {
    const described = await connector().describeAccount();
    expect(described).toMatchObject({ currency: 'KRW', timeZone: 'Asia/Seoul' });
    expect(described.exchange.request).toEqual({
      method: 'POST',
      url: `${sandbox.url}/google_ads/v26/customers/1234567890/googleAds:search`,
      params: { query: 'SELECT customer.currency_code, customer.time_zone, customer.descriptive_name FROM customer' },
    });
    const stored = JSON.stringify(described.exchange);
    expect(stored).not.toContain(secrets.GOOGLE_ADS_ACCESS_TOKEN);
    expect(stored).not.toContain(secrets.GOOGLE_ADS_DEVELOPER_TOKEN);
  });

  it('pages with nextPageToken and restarts from page 1 when the token has expired', async () => {
    const c = connector();
    const first = await c.fetchMetrics('campaign', range, null);
    expect(first.items).toHaveLength(25);
    expect(first.next).toEqual(expect.any(String));
    expect(first.exchange.request.params.pageToken).toBeUndefined();
    const second = await c.fetchMetrics('campaign', range, first.next);
    expect(second.exchange.request.params.pageToken).toBe(first.next);
    expect(second.items[0]).not.toEqual(first.items[0]);
    // About two hours later the token is refused (EXPIRED_PAGE_TOKEN): the connector starts the query again.
    sandbox.state.clockOffsetMs = 3 * 3_600_000;
    const restarted = await c.fetchMetrics('campaign', range, second.next);
    expect(restarted.exchange.request.params.pageToken).toBeUndefined();
    expect(restarted.items.map((r) => `${r.entityId}|${r.date}`)).toEqual(
      first.items.map((r) => `${r.entityId}|${r.date}`),
    );
  });

  it('fetches ad groups with their campaign ids through the same search endpoint', async () => {
    const page = await connector().fetchEntities('adset', null);
    expect(page.exchange.request).toEqual({
      method: 'POST',
      url: `${sandbox.url}/google_ads/v26/customers/1234567890/googleAds:search`,
      params: { query: adGroupsQuery() },
    });
    expect(page.items.length).toBeGreaterThanOrEqual(10);
    expect(page.items.every((g) => g.level === 'adset' && /^\d+$/.test(g.campaignId ?? ''))).toBe(true);
    expect(page.next).toBeNull();
  });

  it('pages ad group metrics like campaign metrics, restarting from page 1 when the token has expired', async () => {
    const c = connector();
    const first = await c.fetchMetrics('adset', range, null);
    expect(first.items).toHaveLength(25);
    expect(first.items.every((r) => r.level === 'adset' && r.campaignId !== undefined)).toBe(true);
    expect(first.exchange.request.params.query).toBe(dailyMetricsQuery(range, 'adset'));
    const second = await c.fetchMetrics('adset', range, first.next);
    expect(second.exchange.request.params.pageToken).toBe(first.next);
    sandbox.state.clockOffsetMs = 3 * 3_600_000;
    const restarted = await c.fetchMetrics('adset', range, second.next);
    expect(restarted.exchange.request.params.pageToken).toBeUndefined();
    expect(restarted.items.map((r) => `${r.entityId}|${r.date}`)).toEqual(
      first.items.map((r) => `${r.entityId}|${r.date}`),
    );
  });

  it("raises a rate limit with Google's retryDelay as retryAfterMs", async () => {
    sandbox.state.faults = { ...NO_FAULTS, rateLimitRate: 1 };
    const error = await connector()
      .describeAccount()
      .catch((e: unknown) => e);
    const inner =
      error instanceof AbortError ? (error as AbortError & { originalError?: unknown }).originalError : error;
    expect(inner).toBeInstanceOf(ApiCallError);
    expect((inner as ApiCallError).failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
  });
});
