import type { IsoDate } from '../../../domain/dates';
import { NAVER_MAX_RECORD_SIZE } from '../wire';
import { parseNaverCampaigns } from '../entities';
import { NAVER_CURRENCY, NAVER_TIME_ZONE, type NaverCampaign } from '../parse';
import type { ConnectorContext, PlatformConnector } from '../../../connectors/connector';
import { naverAdgroupPages } from './adgroups';
import { naverClient } from './client';
import { listAll, nextAfter, sortById, type CampaignListing } from './listing';
import { fetchDailyStats } from './stats';

/**
 * Naver Search Ad (검색광고 API). Entities: GET /ncc/campaigns, paged by baseSearchId, then GET /ncc/adgroups per
 * campaign (./adgroups.ts). Metrics: GET /stats per entity with timeIncrement=1, because only a single `id` may be
 * asked for daily rows (`ids` allows allDays only, reference §3.3). So each campaign metrics page is one campaign,
 * and the cursor is the next campaign's id: small, secret-free, and still valid when a resumed attempt re-lists
 * campaigns in id order.
 */
export function createNaverConnector(ctx: ConnectorContext): PlatformConnector {
  const { account } = ctx;
  const call = naverClient(
    ctx.baseUrl,
    { apiKey: ctx.credential('apiKey'), secretKey: ctx.credential('secretKey'), customerId: account.accountId },
    ctx.policy,
  );
  const recordSize = String(Math.min(ctx.settings.pageSize, NAVER_MAX_RECORD_SIZE));
  const context = { advertiserId: ctx.advertiserId, accountId: account.accountId, isMature: ctx.isMature };
  /** Filled by a complete fetchEntities pass in this attempt; a resumed attempt lists again. */
  let listing: CampaignListing | null = null;
  let partial: NaverCampaign[] | null = null;

  async function campaignsPage(after: string | null) {
    const params: Record<string, string> = { recordSize };
    // Paging after the last id seen (reference §3.2: baseSearchId + selector); exact semantics unverified.
    if (after) Object.assign(params, { baseSearchId: after, selector: 'NEXT' });
    const { body, exchange } = await call('GET', '/ncc/campaigns', params);
    const page = parseNaverCampaigns(body, context);
    return { ...page, next: nextAfter(page.campaigns, recordSize), exchange };
  }

  async function campaignList(): Promise<CampaignListing> {
    if (listing) return listing;
    const all = await listAll(async (after) => {
      const page = await campaignsPage(after);
      return { items: page.campaigns, next: page.next, exchange: page.exchange };
    });
    listing = { campaigns: all.items, exchange: all.exchange };
    return listing;
  }

  const adgroups = naverAdgroupPages({ call, recordSize, context, campaignList });

  return {
    async describeAccount() {
      // There is no account currency/time-zone endpoint: Naver Search Ad is KRW and KST for every customer
      // (reference §0, §3.7). One cheap signed call still proves the key pair and the X-Customer link work.
      const { body, exchange } = await call('GET', '/ncc/campaigns', { recordSize: '1' });
      parseNaverCampaigns(body, context);
      return { currency: NAVER_CURRENCY, timeZone: NAVER_TIME_ZONE, exchange };
    },

    async fetchEntities(level, cursor) {
      if (level === 'adset') return adgroups.entities(cursor);
      const page = await campaignsPage(cursor);
      if (cursor === null) partial = [];
      partial?.push(...page.campaigns);
      if (!page.next && partial) listing = { campaigns: sortById(partial), exchange: page.exchange };
      return { items: page.entities, next: page.next, exchange: page.exchange };
    },

    async fetchMetrics(level, range: { from: IsoDate; to: IsoDate }, cursor) {
      if (level === 'adset') return adgroups.metrics(range, cursor);
      const { campaigns, exchange } = await campaignList();
      const start = cursor === null ? 0 : campaigns.findIndex((c) => c.id >= cursor);
      const campaign = start === -1 ? undefined : campaigns[start];
      // No campaigns (left): the list that shows it is this page's evidence.
      if (!campaign) return { items: [], next: null, exchange };
      return fetchDailyStats(call, campaign, range, context, campaigns[start + 1]?.id ?? null);
    },
  };
}
