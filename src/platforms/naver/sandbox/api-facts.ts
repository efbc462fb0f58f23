/**
 * What this sandbox serves of Naver Search Ad's wire format, stated on its own rather than imported from the
 * connector (issue 7). Sources: naver/searchad-apidoc (ncc-heroes-ncc.json, NaverSA_API_Error_Code_MAP.md) and
 * ../shared/reference/ad-platform-apis.md §3; guesses are marked "unverified".
 */

/** ncc-heroes-ncc.json: recordSize "You can enter between 1 to 1000". */
export const NAVER_MAX_RECORD_SIZE = 1000;

/** Reference §3.3: campaign ids start cmp-, ad group ids grp-. */
export const NAVER_CAMPAIGN_ID = /^cmp-[a-z0-9-]+$/;
export const NAVER_ADGROUP_ID = /^grp-[a-z0-9-]+$/;

/** NaverSA_API_Error_Code_MAP.md. */
export const NAVER_CODES = {
  invalidRequest: 1002,
  noPermission: 1018,
  invalidRecordSize: 2024,
  invalidCampaignNumber: 3504,
  invalidAdgroupNumber: 3705,
} as const;

/** Reference §3.6 and §8 row 13: a deleted, foreign or unknown id answers 404 with code 1018. */
export const NAVER_FOREIGN_ENTITY = { status: 404, code: NAVER_CODES.noPermission } as const;

/** GET /ncc/adgroups without nccCampaignId, ids or nccLabelId (unverified: 400 with code 1002 assumed). */
export const NAVER_ADGROUPS_MISSING_FILTER = { status: 400, code: NAVER_CODES.invalidRequest } as const;

/** Ad groups of a campaign that is not the caller's (unverified: answered like any foreign id). */
export const NAVER_ADGROUPS_OF_FOREIGN_CAMPAIGN = NAVER_FOREIGN_ENTITY;

/** statusReason of a serving ad group (unverified: "ELIGIBLE", as campaigns report). */
export const NAVER_ADGROUP_SERVING_REASON = 'ELIGIBLE';
