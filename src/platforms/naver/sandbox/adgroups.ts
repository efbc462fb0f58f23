import type { ServerResponse } from 'node:http';
import {
  NAVER_ADGROUP_ID,
  NAVER_ADGROUPS_MISSING_FILTER,
  NAVER_ADGROUPS_OF_FOREIGN_CAMPAIGN,
  NAVER_CODES,
  NAVER_FOREIGN_ENTITY,
} from './api-facts';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import { budgetFields, currentBudgetWon, putBudget } from './budget';
import type { NaverCall } from './call';
import { ownCampaign } from './campaigns';
import { sendNaverError } from './errors';
import { formatAdgroup } from './format';
import type { NaverAdgroupPlace, NaverIndex } from './lookup';
import { pageById } from './paging';

/** The ad group with its budget after mutations; editTm is its last budget change, else its registration. */
const view = (state: SandboxState, { adgroup, campaign }: Omit<NaverAdgroupPlace, 'account'>) =>
  formatAdgroup(adgroup, campaign, budgetFields(state, adgroup));

/**
 * The caller's ad group `id`, else answers 3705 "Invalid ad group number" for a malformed id or 404 / 1018 for a
 * deleted, foreign or unknown one (code map; reference §3.6) and returns undefined.
 */
function ownAdgroup(res: ServerResponse, account: SandboxAccount, index: NaverIndex, id: string) {
  if (!NAVER_ADGROUP_ID.test(id)) {
    sendNaverError(res, 400, NAVER_CODES.invalidAdgroupNumber, `Invalid ad group number: ${id}`);
    return undefined;
  }
  const place = index.ownAdgroup(account, id);
  if (!place)
    sendNaverError(res, NAVER_FOREIGN_ENTITY.status, NAVER_FOREIGN_ENTITY.code, '리소스에 접근할 권한이 없습니다.');
  return place;
}

/**
 * GET /ncc/adgroups → a JSON array of Adgroup (ncc-heroes-ncc.json; java-sample rest/Adgroups.java
 * `listByCampaignId`). Two of its documented forms are served:
 * - `?nccCampaignId=cmp-…` (required in that form), paged like campaigns with `recordSize` 1–1000, `baseSearchId`
 *   and `selector` (operation getGroupsUsingGET_2);
 * - `?ids=grp-…,grp-…`, a multi-get by ad group ids, unpaged (getGroupsUsingGET).
 * `nccLabelId` (favourites) is not served: the sandbox has no labels.
 */
export function listAdgroups({ res, state, account, index, respond }: NaverCall, params: URLSearchParams) {
  const campaignId = params.get('nccCampaignId');
  const ids = params.get('ids');
  if (campaignId) {
    const campaign = ownCampaign(res, account, index, campaignId, NAVER_ADGROUPS_OF_FOREIGN_CAMPAIGN);
    if (!campaign) return;
    const page = pageById(res, params, index.adgroupsOf(campaign));
    if (page) respond(page.map((adgroup) => view(state, { adgroup, campaign })));
    return;
  }
  if (ids) {
    const places: Array<Omit<NaverAdgroupPlace, 'account'>> = [];
    for (const id of ids.split(',').map((s) => s.trim())) {
      const place = ownAdgroup(res, account, index, id);
      if (!place) return;
      places.push(place);
    }
    return respond(places.map((place) => view(state, place)));
  }
  const { status, code } = NAVER_ADGROUPS_MISSING_FILTER;
  sendNaverError(res, status, code, 'nccCampaignId or ids is required');
}

/** GET /ncc/adgroups/{adgroupId} → one Adgroup (ncc-heroes-ncc.json getUsingGET_16). */
export function getAdgroup({ res, state, account, index, respond }: NaverCall, id: string) {
  const place = ownAdgroup(res, account, index, id);
  if (place) respond(view(state, place));
}

/** Code for an ad group budget above its campaign's (unverified: the code map lists 3704/3720/3724 for ad group budgets). */
export const NAVER_ADGROUP_OVER_CAMPAIGN_BUDGET = 3724;

/**
 * PUT /ncc/adgroups/{id}?fields=budget with the full Adgroup JSON → the updated Adgroup (ncc-heroes-ncc.json paths;
 * reference §3.5): `useDailyBudget` + `dailyBudget`, absolute int KRW. A campaign budget caps the sum of its ad groups
 * (saedu FAQ 141), so an ad group budget above its campaign's daily budget is refused (3724); 3720 for a missing
 * useDailyBudget, 3704 for an invalid amount. Which code means what is the sandbox's reading (unverified).
 */
export function updateAdgroup(call: NaverCall, params: URLSearchParams, bodyText: string, id: string) {
  const place = ownAdgroup(call.res, call.account, call.index, id);
  if (!place) return;
  const overCampaign = (target: bigint) => {
    const campaignBudget = currentBudgetWon(call.state, place.campaign);
    if (campaignBudget === null || target <= campaignBudget) return false;
    sendNaverError(
      call.res,
      400,
      NAVER_ADGROUP_OVER_CAMPAIGN_BUDGET,
      `광고그룹 일일허용 예산은 캠페인 일일허용 예산(${campaignBudget}원)을 초과할 수 없습니다.`,
    );
    return true;
  };
  putBudget(call, params, bodyText, place.adgroup, 'adset', () => view(call.state, place), overCampaign);
}
