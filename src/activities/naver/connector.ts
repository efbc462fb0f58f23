import type { IsoDate } from '../../domain/dates';
import {
  NAVER_CURRENCY,
  NAVER_STAT_FIELDS,
  NAVER_TIME_ZONE,
  parseNaverCampaigns,
  parseNaverDailyStats,
  type NaverCampaign,
} from '../../platforms/naver/parse';
import type { ConnectorContext, PlatformConnector, RawExchange } from '../connector';
import { naverClient } from './client';

/** GET /ncc/campaigns recordSize is 1–1000 (ncc-heroes-ncc.json). */
const MAX_RECORD_SIZE = 1000;

interface CampaignListing {
  campaigns: NaverCampaign[];
  /** The exchange of the last list page, kept for a metrics page that has no stats call to show. */
  exchange: RawExchange;
}

/**
 * Naver Search Ad (검색광고 API). Entities: GET /ncc/campaigns, paged by baseSearchId. Metrics: GET /stats per
 * campaign with timeIncrement=1, because only a single `id` may be asked for daily rows (`ids` allows allDays only,
 * reference §3.3). So each metrics page is one campaign, and the cursor is the next campaign's id: small,
 * secret-free, and still valid when a resumed attempt re-lists campaigns in id order.
 */
export function createNaverConnector(ctx: ConnectorContext): PlatformConnector {
  const { account } = ctx;
  const call = naverClient(
    ctx.baseUrl,
    { apiKey: ctx.credential('apiKey'), secretKey: ctx.credential('secretKey'), customerId: account.accountId },
    ctx.policy,
  );
  const recordSize = String(Math.min(ctx.settings.pageSize, MAX_RECORD_SIZE));
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
    const last = page.campaigns.at(-1);
    const next = page.campaigns.length === Number(recordSize) && last ? last.id : null;
    return { ...page, next, exchange };
  }

  async function campaignList(): Promise<CampaignListing> {
    if (listing) return listing;
    const campaigns: NaverCampaign[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await campaignsPage(after);
      campaigns.push(...page.campaigns);
      if (!page.next) {
        listing = { campaigns: sortById(campaigns), exchange: page.exchange };
        return listing;
      }
      after = page.next;
    }
  }

  return {
    async describeAccount() {
      // There is no account currency/time-zone endpoint: Naver Search Ad is KRW and KST for every customer
      // (reference §0, §3.7). One cheap signed call still proves the key pair and the X-Customer link work.
      const { body, exchange } = await call('GET', '/ncc/campaigns', { recordSize: '1' });
      parseNaverCampaigns(body, context);
      return { currency: NAVER_CURRENCY, timeZone: NAVER_TIME_ZONE, exchange };
    },

    async fetchEntities(cursor) {
      const page = await campaignsPage(cursor);
      if (cursor === null) partial = [];
      partial?.push(...page.campaigns);
      if (!page.next && partial) listing = { campaigns: sortById(partial), exchange: page.exchange };
      return { items: page.entities, next: page.next, exchange: page.exchange };
    },

    async fetchMetrics(range: { from: IsoDate; to: IsoDate }, cursor) {
      const { campaigns, exchange } = await campaignList();
      const start = cursor === null ? 0 : campaigns.findIndex((c) => c.id >= cursor);
      const campaign = start === -1 ? undefined : campaigns[start];
      // No campaigns (left): the list that shows it is this page's evidence.
      if (!campaign) return { items: [], next: null, exchange };
      const response = await call('GET', '/stats', {
        id: campaign.id,
        fields: JSON.stringify(NAVER_STAT_FIELDS),
        timeRange: JSON.stringify({ since: range.from, until: range.to }),
        timeIncrement: '1',
      });
      return {
        items: parseNaverDailyStats(response.body, campaign, range, context),
        next: campaigns[start + 1]?.id ?? null,
        exchange: response.exchange,
      };
    },
  };
}

function sortById(campaigns: NaverCampaign[]): NaverCampaign[] {
  return [...campaigns].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
