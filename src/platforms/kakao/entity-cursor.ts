/**
 * Entity pages of a Kakao pull, one HTTP call each so every raw response is kept (DESIGN: raw_pulls):
 * - campaigns: page 0 is the campaign list; then "campaign:<id>" = the detail (for the budget) of the first campaign
 *   with an id ≥ <id>;
 * - ad groups: "adGroups:<campaignId>" = the ad group list of that campaign (docs kakaomoment/ad-group: one campaign
 *   per call), then "adGroup:<campaignId>:<adGroupId>" = the detail of the first of its ad groups with an id ≥ that.
 * "≥" rather than "=" so a resumed attempt moves on when an entity disappeared. Ids only: small and secret-free.
 */
export type KakaoEntityCursor =
  | { kind: 'campaign'; campaignId: string }
  | { kind: 'adGroups'; campaignId: string }
  | { kind: 'adGroup'; campaignId: string; adGroupId: string };

export function encodeEntityCursor(cursor: KakaoEntityCursor): string {
  return cursor.kind === 'adGroup'
    ? `adGroup:${cursor.campaignId}:${cursor.adGroupId}`
    : `${cursor.kind}:${cursor.campaignId}`;
}

export function decodeEntityCursor(text: string): KakaoEntityCursor {
  const match = /^(campaign|adGroups):(\d+)$/.exec(text);
  if (match) return { kind: match[1] as 'campaign' | 'adGroups', campaignId: match[2] as string };
  const adGroup = /^adGroup:(\d+):(\d+)$/.exec(text);
  if (adGroup) return { kind: 'adGroup', campaignId: adGroup[1] as string, adGroupId: adGroup[2] as string };
  // Cursors are ours, not the platform's: a bad one is a bug, not a malformed response.
  throw new Error(`not a Kakao entity cursor: ${JSON.stringify(text)}`);
}
