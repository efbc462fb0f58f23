import { NAVER_ADGROUP_ID, NAVER_CAMPAIGN_ID } from '../wire';

/**
 * Where an ad group pass resumes: a campaign, and optionally an ad group in it ("cmp-…" or "cmp-…/grp-…"). Plain
 * platform ids only: small, secret-free, and still meaningful after a retry re-lists campaigns in id order.
 * For entities the ad group is the last one listed (paging resumes after it); for metrics the next one to fetch.
 */
export interface AdgroupPosition {
  campaignId: string;
  adgroupId: string | null;
}

export function encodeAdgroupCursor(position: AdgroupPosition): string {
  return position.adgroupId === null ? position.campaignId : `${position.campaignId}/${position.adgroupId}`;
}

export function decodeAdgroupCursor(cursor: string): AdgroupPosition {
  const [campaignId = '', adgroupId, ...rest] = cursor.split('/');
  if (
    !NAVER_CAMPAIGN_ID.test(campaignId) ||
    rest.length > 0 ||
    (adgroupId !== undefined && !NAVER_ADGROUP_ID.test(adgroupId))
  ) {
    throw new Error(`naver: unreadable ad group cursor ${JSON.stringify(cursor)} (expected cmp-… or cmp-…/grp-…)`);
  }
  return { campaignId, adgroupId: adgroupId ?? null };
}

/** Further inside this campaign when there is an ad group to go on from, else the start of the next campaign. */
export function nextCursor(
  campaignId: string,
  adgroupId: string | null | undefined,
  following: { id: string } | undefined,
): string | null {
  if (adgroupId) return encodeAdgroupCursor({ campaignId, adgroupId });
  return following ? encodeAdgroupCursor({ campaignId: following.id, adgroupId: null }) : null;
}
