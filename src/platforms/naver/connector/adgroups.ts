import type { IsoDate } from '../../../domain/dates';
import type { MetricRow } from '../../../domain/metrics';
import { parseNaverAdgroups } from '../entities';
import type { NaverAccountContext, NaverAdgroup } from '../parse';
import type { EntitySnapshot } from '../../../domain/metrics';
import type { ConnectorPage, RawExchange } from '../../../connectors/connector';
import type { NaverCall } from './client';
import { decodeAdgroupCursor, nextCursor } from './cursor';
import { listAll, nextAfter, sortById, type CampaignListing } from './listing';
import { fetchDailyStats } from './stats';

interface AdgroupListing {
  adgroups: NaverAdgroup[];
  exchange: RawExchange;
}

interface Deps {
  call: NaverCall;
  recordSize: string;
  context: NaverAccountContext;
  /** All campaigns in id order: from this attempt's campaign pass, else listed again. */
  campaignList: () => Promise<CampaignListing>;
}

/**
 * The ad group level. Naver lists ad groups per campaign only (GET /ncc/adgroups?nccCampaignId=, paged like
 * campaigns; `ids=` needs ad group ids we do not have yet), and /stats takes one id per daily call. So entities are
 * one page per campaign (or per recordSize ad groups of it), metrics one page per ad group, and the cursor names the
 * campaign and ad group where the pass stands.
 */
export function naverAdgroupPages({ call, recordSize, context, campaignList }: Deps) {
  /** Complete ad group lists per campaign, filled by this attempt's entity pass or by metrics pages. */
  const listed = new Map<string, AdgroupListing>();
  let partial: { campaignId: string; adgroups: NaverAdgroup[] } | null = null;

  async function adgroupsPage(campaignId: string, after: string | null) {
    const params: Record<string, string> = { nccCampaignId: campaignId, recordSize };
    // Paging after the last id seen, as for campaigns (ncc-heroes-ncc.json getGroupsUsingGET_2); semantics unverified.
    if (after) Object.assign(params, { baseSearchId: after, selector: 'NEXT' });
    const { body, exchange } = await call('GET', '/ncc/adgroups', params);
    const page = parseNaverAdgroups(body, campaignId, context);
    return { ...page, exchange, next: nextAfter(page.adgroups, recordSize) };
  }

  async function adgroupsOf(campaignId: string): Promise<AdgroupListing> {
    const known = listed.get(campaignId);
    if (known) return known;
    const all = await listAll(async (after) => {
      const page = await adgroupsPage(campaignId, after);
      return { items: page.adgroups, next: page.next, exchange: page.exchange };
    });
    const listing = { adgroups: all.items, exchange: all.exchange };
    listed.set(campaignId, listing);
    return listing;
  }

  /** The campaign a cursor points at: the first one whose id is ≥ the cursor's (it may have been deleted since). */
  async function locate(cursor: string | null) {
    const listing = await campaignList();
    const position = cursor === null ? null : decodeAdgroupCursor(cursor);
    const index = position === null ? 0 : listing.campaigns.findIndex((c) => c.id >= position.campaignId);
    const campaign = index === -1 ? undefined : listing.campaigns[index];
    const following = index === -1 ? undefined : listing.campaigns[index + 1];
    // An ad group position only holds inside the campaign it was taken in.
    const adgroupId = position !== null && campaign?.id === position.campaignId ? position.adgroupId : null;
    return { listing, campaign, following, adgroupId };
  }

  return {
    async entities(cursor: string | null): Promise<ConnectorPage<EntitySnapshot>> {
      const { listing, campaign, following, adgroupId } = await locate(cursor);
      if (!campaign) return { items: [], next: null, exchange: listing.exchange };
      const page = await adgroupsPage(campaign.id, adgroupId);
      if (adgroupId === null) partial = { campaignId: campaign.id, adgroups: [] };
      if (partial?.campaignId === campaign.id) partial.adgroups.push(...page.adgroups);
      if (!page.next && partial?.campaignId === campaign.id) {
        listed.set(campaign.id, { adgroups: sortById(partial.adgroups), exchange: page.exchange });
      }
      // Entity cursors name the last ad group listed: the list resumes after it.
      const next = nextCursor(campaign.id, page.next, following);
      return { items: page.entities, next, exchange: page.exchange };
    },

    async metrics(range: { from: IsoDate; to: IsoDate }, cursor: string | null): Promise<ConnectorPage<MetricRow>> {
      const { listing, campaign, following, adgroupId } = await locate(cursor);
      if (!campaign) return { items: [], next: null, exchange: listing.exchange };
      const { adgroups, exchange } = await adgroupsOf(campaign.id);
      const index = adgroupId === null ? 0 : adgroups.findIndex((g) => g.id >= adgroupId);
      const adgroup = index === -1 ? undefined : adgroups[index];
      // Metrics cursors name the next ad group to fetch.
      const next = nextCursor(campaign.id, index === -1 ? undefined : adgroups[index + 1]?.id, following);
      // A campaign without ad groups (left): its ad group list is this page's evidence.
      if (!adgroup) return { items: [], next, exchange };
      return fetchDailyStats(call, adgroup, range, context, next);
    },
  };
}
