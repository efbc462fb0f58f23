import { parseKakaoAdGroupList, parseKakaoCampaignList, type KakaoListItem } from '../parse';
import { compareKakaoIds } from '../report-plan';
import type { RawExchange } from '../../../connectors/connector';

export type KakaoGet = (
  path: string,
  params: Record<string, string>,
) => Promise<{ body: unknown; exchange: RawExchange }>;

export interface KakaoListing {
  items: KakaoListItem[];
  exchange: RawExchange;
}

/** An ad group as a report row needs it: the report names neither the ad group nor its campaign. */
export interface KakaoAdGroupRef {
  name: string;
  campaignId: string;
}

/**
 * The campaign list and the per-campaign ad group lists, each asked once per connector (= per activity attempt):
 * entity pages and metric pages both need them. A failed call is not remembered, so the next page asks again.
 * Deleted entities (config DEL) are never pulled; without a `config` filter Kakao lists ON and OFF (docs
 * kakaomoment/ad-group; for campaigns the same default is assumed, unverified).
 */
export function kakaoListings(get: KakaoGet) {
  const cache = new Map<string, Promise<KakaoListing>>();
  const list = (key: string, path: string, params: Record<string, string>, parse: typeof parseKakaoCampaignList) => {
    let listing = cache.get(key);
    if (!listing) {
      listing = get(path, params).then(({ body, exchange }) => ({
        items: parse(body).filter((item) => item.config !== 'DEL'),
        exchange,
      }));
      cache.set(key, listing);
      listing.catch(() => cache.delete(key));
    }
    return listing;
  };
  const campaigns = () => list('campaigns', 'campaigns', {}, parseKakaoCampaignList);
  const adGroupsOf = (campaignId: string) =>
    list(`adGroups:${campaignId}`, 'adGroups', { campaignId }, parseKakaoAdGroupList);

  return {
    campaigns,
    adGroupsOf,
    /** Every ad group of the account by id, one list call per campaign in id order (paced like any call). */
    async allAdGroups(): Promise<Map<string, KakaoAdGroupRef>> {
      const ids = (await campaigns()).items.map((c) => c.id).sort(compareKakaoIds);
      const adGroups = new Map<string, KakaoAdGroupRef>();
      for (const campaignId of ids) {
        for (const g of (await adGroupsOf(campaignId)).items) adGroups.set(g.id, { name: g.name, campaignId });
      }
      return adGroups;
    },
  };
}

export type KakaoListings = ReturnType<typeof kakaoListings>;
