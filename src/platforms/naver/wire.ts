/**
 * Naver Search Ad wire facts of the connector side (the sandbox states its own in sandbox/api-facts.ts). Documented
 * ones cite their source; guesses are marked "unverified" and live here only, so a wrong guess is a one-line fix.
 * Reference: ad-platform-apis.md §3.
 */

/**
 * `recordSize` bounds of GET /ncc/campaigns and GET /ncc/adgroups?nccCampaignId= (ncc-heroes-ncc.json: "You can
 * enter between 1 to 1000"; the campaign doc text also says 2000, so 1000 is the safe side).
 */
export const NAVER_MAX_RECORD_SIZE = 1000;

/** Id prefixes (reference §3.3 "Entity ids": campaign cmp-, ad group grp-, keyword nkw-, ad nad-). */
export const NAVER_CAMPAIGN_ID = /^cmp-[a-z0-9-]+$/;
export const NAVER_ADGROUP_ID = /^grp-[a-z0-9-]+$/;

/** Envelope codes of Naver errors (NaverSA_API_Error_Code_MAP.md); the classifier does not read them yet. */
export const NAVER_CODES = {
  invalidRequest: 1002,
  noPermission: 1018,
  invalidRecordSize: 2024,
  invalidCampaignNumber: 3504,
  invalidAdgroupNumber: 3705,
} as const;

/**
 * GET /ncc/adgroups needs one of nccCampaignId, ids or nccLabelId (ncc-heroes-ncc.json, each "required": true in
 * its own operation). What the API answers when none is given is unverified: a 400 with code 1002 is assumed.
 */
export const NAVER_ADGROUPS_MISSING_FILTER = { status: 400, code: NAVER_CODES.invalidRequest } as const;

/** A deleted, foreign or unknown entity id answers HTTP 404 with code 1018 (reference §3.6, §8 row 13). */
export const NAVER_FOREIGN_ENTITY = { status: 404, code: NAVER_CODES.noPermission } as const;

/**
 * GET /ncc/adgroups?nccCampaignId= of a campaign that is not the caller's. Unverified: answered like a foreign id
 * anywhere else (NAVER_FOREIGN_ENTITY) rather than with an empty array.
 */
export const NAVER_ADGROUPS_OF_FOREIGN_CAMPAIGN = NAVER_FOREIGN_ENTITY;

/**
 * statusReason of a serving ad group. Unverified: the Adgroup enum (ncc-heroes-ncc.json) lists only problem reasons
 * (CAMPAIGN_PAUSED, GROUP_PAUSED, …); "ELIGIBLE" mirrors what campaigns and business channels report.
 */
export const NAVER_ADGROUP_SERVING_REASON = 'ELIGIBLE';
