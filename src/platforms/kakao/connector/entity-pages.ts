import { decodeEntityCursor, encodeEntityCursor, type KakaoEntityCursor } from '../entity-cursor';
import { parseKakaoAdGroupDetail, parseKakaoCampaignDetail } from '../parse';
import { compareKakaoIds } from '../report-plan';
import type { EntitySnapshot } from '../../../domain/metrics';
import type { ConnectorPage } from '../../../connectors/connector';
import type { KakaoGet, KakaoListings } from './listings';

interface EntityPageDeps {
  get: KakaoGet;
  listings: KakaoListings;
  context: { advertiserId: string; accountId: string };
}

type Page = ConnectorPage<EntitySnapshot>;

const sortedIds = (items: Array<{ id: string }>) => items.map((i) => i.id).sort(compareKakaoIds);
/** Index of the first id ≥ `from` (ids sorted), or -1. */
const firstFrom = (ids: string[], from: string) => ids.findIndex((id) => compareKakaoIds(id, from) >= 0);
const cursorOf = (cursor: KakaoEntityCursor | null) => (cursor ? encodeEntityCursor(cursor) : null);

/**
 * Campaign entities: the list, then one detail call per campaign for its budget (details are not report calls, so
 * the 5-second report rule does not apply; docs kakaomoment/campaign).
 */
export async function campaignEntityPage(deps: EntityPageDeps, cursor: string | null): Promise<Page> {
  const { items: campaigns, exchange } = await deps.listings.campaigns();
  const ids = sortedIds(campaigns);
  const detailAt = (i: number): KakaoEntityCursor | null =>
    ids[i] === undefined ? null : { kind: 'campaign', campaignId: ids[i] };
  if (cursor === null) return { items: [], next: cursorOf(detailAt(0)), exchange };
  const position = decodeEntityCursor(cursor);
  if (position.kind !== 'campaign') throw new Error(`not a Kakao campaign cursor: ${JSON.stringify(cursor)}`);
  const index = firstFrom(ids, position.campaignId);
  const id = ids[index];
  if (id === undefined) return { items: [], next: null, exchange }; // gone since the cursor was written
  const detail = await deps.get(`campaigns/${id}`, {});
  return {
    items: [parseKakaoCampaignDetail(detail.body, deps.context)],
    next: cursorOf(detailAt(index + 1)),
    exchange: detail.exchange,
  };
}

/**
 * Ad group entities, campaign by campaign: the campaign's ad group list (`GET /adGroups?campaignId=`; the list has no
 * budget), then one `GET /adGroups/{id}` per ad group for `dailyBudgetAmount` (docs kakaomoment/ad-group).
 */
export async function adGroupEntityPage(deps: EntityPageDeps, cursor: string | null): Promise<Page> {
  const campaignList = await deps.listings.campaigns();
  const campaignIds = sortedIds(campaignList.items);
  const position = cursor === null ? null : decodeEntityCursor(cursor);
  if (position?.kind === 'campaign') throw new Error(`not a Kakao ad group cursor: ${JSON.stringify(cursor)}`);
  // The campaign at or after the cursor's: a campaign deleted since the cursor was written is skipped.
  const campaignIndex = position ? firstFrom(campaignIds, position.campaignId) : 0;
  const campaignId = campaignIds[campaignIndex];
  if (campaignId === undefined) return { items: [], next: null, exchange: campaignList.exchange };
  const nextCampaign: KakaoEntityCursor | null =
    campaignIds[campaignIndex + 1] === undefined
      ? null
      : { kind: 'adGroups', campaignId: campaignIds[campaignIndex + 1] as string };

  const adGroupList = await deps.listings.adGroupsOf(campaignId);
  const adGroupIds = sortedIds(adGroupList.items);
  const detailAt = (i: number): KakaoEntityCursor | null =>
    adGroupIds[i] === undefined ? nextCampaign : { kind: 'adGroup', campaignId, adGroupId: adGroupIds[i] };
  if (position?.kind !== 'adGroup' || position.campaignId !== campaignId) {
    return { items: [], next: cursorOf(detailAt(0)), exchange: adGroupList.exchange };
  }
  const index = firstFrom(adGroupIds, position.adGroupId);
  const id = adGroupIds[index];
  if (id === undefined) return { items: [], next: cursorOf(nextCampaign), exchange: adGroupList.exchange };
  const detail = await deps.get(`adGroups/${id}`, {});
  return {
    items: [parseKakaoAdGroupDetail(detail.body, { ...deps.context, campaignId })],
    next: cursorOf(detailAt(index + 1)),
    exchange: detail.exchange,
  };
}
