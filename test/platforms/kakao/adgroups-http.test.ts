import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKakaoConnector } from '../../../src/platforms/kakao/connector/connector';
import { RequestPacer } from '../../../src/connectors/rate-limiter';
import { loadConfig } from '../../../src/config/load';
import { addDays, dateInZone } from '../../../src/domain/dates';
import type { EntityLevel, MetricRow } from '../../../src/domain/metrics';
import { kakaoAdGroups, kakaoCampaigns } from '../../../src/platforms/kakao/sandbox/data';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';
import { platformTruth } from '../../../src/sandbox/truth';
import { loadSandboxWorld, type SandboxWorld } from '../../../src/sandbox/world';
import { projectRoot } from '../../../src/stack/paths';
import type { EntitySnapshot } from '../../../src/domain/metrics';
import { callSandbox } from '../../helpers/sandbox';

const root = projectRoot();
const secrets = parseEnv(readFileSync(path.join(root, 'config', 'sandbox.env'), 'utf8')) as Record<string, string>;
const TOKEN = secrets.KAKAO_BUSINESS_TOKEN!;
const config = loadConfig(path.join(root, 'config'));
const REPORT_INTERVAL_MS = 100;

interface KakaoBody {
  code?: number;
  msg?: string;
  extras?: { detailCode?: number; detailMsg?: string };
  content?: Array<Record<string, unknown>>;
  data?: Array<{ start: string; dimensions: Record<string, string>; metrics: Record<string, number> }>;
  [key: string]: unknown;
}

describe('Kakao sandbox ad group endpoints and connector (HTTP, no Temporal)', () => {
  let sandbox: RunningSandbox;
  let world: SandboxWorld;
  const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
  const day = to.replaceAll('-', '');

  beforeAll(async () => {
    world = loadSandboxWorld(path.join(root, 'config', 'sandbox.yaml'));
    world.kakao!.options = { ...world.kakao!.options, reportIntervalMs: REPORT_INTERVAL_MS };
    // Enough campaigns on 20000 for more than one batch of 20 ad group ids.
    world.kakao!.accounts.find((a) => a.id === '20000')!.campaigns = 16;
    sandbox = await startSandbox(world);
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => sandbox.state.reset());

  const accountOf = (id: string) => world.kakao!.accounts.find((a) => a.id === id)!;
  const campaignsOf = (id: string) => kakaoCampaigns(world.seed, accountOf(id));
  const adGroupsOf = (id: string) => campaignsOf(id).flatMap((c) => kakaoAdGroups(world.seed, accountOf(id), c));

  async function call(
    apiPath: string,
    params: Record<string, string> = {},
    init: { method?: string; account?: string; token?: string | null; body?: unknown } = {},
  ): Promise<{ status: number; body: KakaoBody }> {
    const headers: Record<string, string> = { adAccountId: init.account ?? '10000' };
    if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? TOKEN}`;
    const url = new URL(`${sandbox.url}/kakao/openapi/v4/${apiPath}`);
    const { status, text } = await callSandbox(url, params, headers, init);
    return { status, body: (text ? JSON.parse(text) : {}) as KakaoBody };
  }
  const pause = () => new Promise((resolve) => setTimeout(resolve, REPORT_INTERVAL_MS + 20));
  const reportParams = (extra: Record<string, string>) => ({
    start: day,
    end: day,
    timeUnit: 'DAY',
    metricsGroup: 'BASIC',
    ...extra,
  });

  describe('GET /adGroups?campaignId= (docs kakaomoment/ad-group)', () => {
    it('lists one campaign’s ad groups in Kakao’s content shape', async () => {
      const campaign = campaignsOf('10000')[0]!;
      const { status, body } = await call('adGroups', { campaignId: String(campaign.id) });
      expect(status).toBe(200);
      const expected = kakaoAdGroups(world.seed, accountOf('10000'), campaign);
      expect(body.content).toEqual(
        expected.map((a) => ({
          id: a.id,
          name: a.name,
          type: 'DISPLAY',
          config: 'ON',
          userConfig: 'ON',
          systemConfig: 'ON',
        })),
      );
      expect((await call('adGroups', { campaignId: String(campaign.id), config: 'DEL' })).body.content).toEqual([]);
    });

    it('validates its parameters like Kakao', async () => {
      const missing = await call('adGroups');
      expect(missing).toMatchObject({ status: 400, body: { code: -813, msg: 'KakaoMomentException' } });
      expect(await call('adGroups', { campaignId: 'abc' })).toMatchObject({ status: 400, body: { code: -2 } });
      expect(await call('adGroups', { campaignId: '10000001', config: 'PAUSED' })).toMatchObject({
        status: 400,
        body: { code: -2 },
      });
      // A campaign of another ad account does not exist in this one.
      expect(await call('adGroups', { campaignId: '20000001' })).toMatchObject({
        status: 400,
        body: { code: -813, extras: { detailCode: 31001 } },
      });
      expect((await call('adGroups', { campaignId: '10000001' }, { token: null })).status).toBe(401);
    });
  });

  describe('GET /adGroups/{id}', () => {
    it('serves the parent campaign and the budget in KRW where the campaign has none', async () => {
      const account = accountOf('10000');
      const campaigns = campaignsOf('10000');
      for (const campaign of campaigns) {
        for (const adGroup of kakaoAdGroups(world.seed, account, campaign)) {
          const { status, body } = await call(`adGroups/${adGroup.id}`);
          expect(status).toBe(200);
          expect(body).toMatchObject({
            id: adGroup.id,
            name: adGroup.name,
            campaign: { id: campaign.id, adAccountId: 10000 },
            dailyBudgetAmount: campaign.dailyBudgetAmount === null ? adGroup.dailyBudgetAmount : null,
          });
        }
      }
      expect(campaigns.some((c) => c.dailyBudgetAmount === null)).toBe(true);
    });

    it('answers an unknown ad group with -813 / detailCode 32026', async () => {
      expect(await call('adGroups/999999999')).toMatchObject({
        status: 400,
        body: { code: -813, extras: { detailCode: 32026 } },
      });
    });

    it('changes an ad group budget with PUT /adGroups/dailyBudgetAmount and logs the mutation', async () => {
      const adGroup = adGroupsOf('10000')[0]!;
      const put = (amount: number) =>
        call('adGroups/dailyBudgetAmount', {}, { method: 'PUT', body: { id: adGroup.id, dailyBudgetAmount: amount } });
      expect((await put(5_000)).body).toMatchObject({ code: -813, extras: { detailCode: 31011 } });
      expect((await put(123_450)).status).toBe(200);
      expect((await call(`adGroups/${adGroup.id}`)).body.dailyBudgetAmount).toBe(123_450);
      expect(sandbox.state.mutations).toEqual([
        expect.objectContaining({ entityId: String(adGroup.id), newValue: '123450', accountId: '10000' }),
      ]);
    });
  });

  describe('GET /adGroups/report', () => {
    it('serves ad group rows that sum exactly to the campaign rows of the same day', async () => {
      const adGroups = adGroupsOf('10000');
      const campaigns = campaignsOf('10000');
      const groups = await call(
        'adGroups/report',
        reportParams({ adGroupId: adGroups.map((a) => a.id).join(','), metricsGroup: 'BASIC,PIXEL_CONVERSION' }),
      );
      expect(groups.status).toBe(200);
      await pause();
      const camps = await call('campaigns/report', reportParams({ campaignId: campaigns.map((c) => c.id).join(',') }));
      expect(groups.body.data!.length).toBeGreaterThanOrEqual(camps.body.data!.length);
      for (const c of camps.body.data!) {
        const campaignId = Number(c.dimensions.campaign_id);
        const parts = groups.body.data!.filter(
          (g) => adGroups.find((a) => String(a.id) === g.dimensions.ad_group_id)?.campaignId === campaignId,
        );
        for (const metric of ['imp', 'click', 'cost'])
          expect(parts.reduce((sum, p) => sum + p.metrics[metric]!, 0)).toBe(c.metrics[metric]);
      }
    });

    it('validates ids, batch size and period', async () => {
      const ids = adGroupsOf('20000').map((a) => String(a.id));
      expect(ids.length).toBeGreaterThan(20);
      expect(await call('adGroups/report', reportParams({}))).toMatchObject({ status: 400, body: { code: -2 } });
      expect(
        await call('adGroups/report', reportParams({ adGroupId: ids.join(',') }), { account: '20000' }),
      ).toMatchObject({ status: 400, body: { code: -2, msg: expect.stringContaining('at most 20') } });
      expect(await call('adGroups/report', reportParams({ adGroupId: '999999999' }))).toMatchObject({
        status: 400,
        body: { code: -813, extras: { detailCode: 32026 } },
      });
      const long = { start: addDays(to, -31).replaceAll('-', ''), adGroupId: '1000000101' };
      expect(await call('adGroups/report', reportParams(long))).toMatchObject({ status: 400, body: { code: -2 } });
    });

    it('shares the one-call-per-interval rule of the ad account with /campaigns/report', async () => {
      const first = await call('campaigns/report', reportParams({ campaignId: '10000001' }));
      expect(first.status).toBe(200);
      const refused = await call('adGroups/report', reportParams({ adGroupId: '1000000101' }));
      expect(refused).toMatchObject({ status: 429, body: { code: -813 } });
      await pause();
      expect((await call('adGroups/report', reportParams({ adGroupId: '1000000101' }))).status).toBe(200);
    });
  });

  describe('connector, level adset', () => {
    const connector = (accountId: string) => {
      const account = config.accounts.advertisers
        .flatMap((a) => a.accounts)
        .find((a) => a.platform === 'kakao' && a.accountId === accountId)!;
      return createKakaoConnector({
        platform: 'kakao',
        account,
        advertiserId: 'adv',
        settings: { ...config.platforms.platforms.kakao!, perAccountIntervalSeconds: REPORT_INTERVAL_MS / 1000 },
        baseUrl: `${sandbox.url}/kakao`,
        credential: (key) => secrets[account.credentials[key]!]!,
        policy: {
          pacer: new RequestPacer(1000),
          timeoutMs: 5000,
          attempts: 1,
          maxInAttemptWaitMs: 5000,
          minBackoffMs: 10,
        },
        isMature: () => true,
        now: () => new Date(),
      });
    };

    async function walk<T>(fetch: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>) {
      const pages: T[][] = [];
      const cursors: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await fetch(cursor);
        pages.push(page.items);
        cursor = page.next;
        if (cursor) cursors.push(cursor);
      } while (cursor !== null);
      return { pages, cursors };
    }

    it('pages ad group entities: one list per campaign, one detail per ad group, budgets in micros', async () => {
      const c = connector('10000');
      const { pages, cursors } = await walk((cursor) => c.fetchEntities('adset', cursor));
      const campaigns = campaignsOf('10000');
      const adGroups = adGroupsOf('10000');
      expect(pages).toHaveLength(campaigns.length + adGroups.length);
      for (const cursor of cursors) expect(cursor.length).toBeLessThan(40);
      const items = pages.flat();
      expect(new Map(items.map((e) => [e.entityId, [e.level, e.campaignId, e.name, e.dailyBudgetMicros]]))).toEqual(
        new Map(
          adGroups.map((a) => [
            String(a.id),
            [
              'adset',
              String(a.campaignId),
              a.name,
              a.dailyBudgetAmount === null ? null : BigInt(a.dailyBudgetAmount) * 1_000_000n,
            ],
          ]),
        ),
      );
    });

    it('resumes ad group entities from a heartbeated cursor on a fresh connector', async () => {
      const first = await walk((cursor) => connector('10000').fetchEntities('adset', cursor));
      const all = first.pages.flat() as EntitySnapshot[];
      const resumeAt = first.cursors[3]!;
      const rest = await walk((cursor) => connector('10000').fetchEntities('adset', cursor ?? resumeAt));
      const resumed = rest.pages.flat();
      expect(resumed.length).toBeGreaterThan(0);
      expect(all.slice(-resumed.length)).toEqual(resumed);
    });

    it.each([['10000'], ['20000']])(
      'pulls ad group metrics of account %s over two windows × id batches, equal to the truth, paced',
      async (accountId) => {
        const from = addDays(to, -33);
        const c = connector(accountId);
        const { pages } = await walk((cursor) => c.fetchMetrics('adset', { from, to }, cursor));
        const batches = Math.ceil(adGroupsOf(accountId).length / 20);
        expect(pages).toHaveLength(2 * batches);
        const rows = pages.flat() as MetricRow[];
        const truth = platformTruth(
          world,
          'kakao',
          accountId,
          from,
          to,
          sandbox.state.now(),
          sandbox.state.mutations,
        ).filter((t) => t.level === ('adset' satisfies EntityLevel));
        const key = (r: { entityId: string; date: string }) => `${r.entityId}|${r.date}`;
        expect(new Map(rows.map((r) => [key(r), [r.campaignId, r.entityName, r.spendMicros, r.clicks]]))).toEqual(
          new Map(truth.map((t) => [key(t), [t.campaignId, t.entityName, t.spendMicros, t.clicks]])),
        );
        expect(rows).toHaveLength(truth.length);
        expect(sandbox.state.counters.get('kakao:report_too_soon') ?? 0).toBe(0);
      },
    );
  });
});
