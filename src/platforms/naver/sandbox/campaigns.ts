import type { ServerResponse } from 'node:http';
import { NAVER_CAMPAIGN_ID, NAVER_CODES, NAVER_FOREIGN_ENTITY } from './api-facts';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import type { NaverSandboxCampaign } from './data';
import { sendNaverError } from './errors';
import { formatCampaign } from './format';
import { budgetFields, putBudget } from './budget';
import type { NaverCall } from './call';
import type { NaverIndex } from './lookup';
import { pageById } from './paging';

function view(state: SandboxState, campaign: NaverSandboxCampaign) {
  return formatCampaign(campaign, budgetFields(state, campaign));
}

/**
 * GET /ncc/campaigns: a JSON array, optionally filtered by `ids` / `campaignType`, paged with `recordSize` and
 * `baseSearchId` + `selector=NEXT|PREVIOUS` (reference §3.2; see pageById).
 */
export function listCampaigns({ res, state, account, index, respond }: NaverCall, params: URLSearchParams) {
  let items = index.campaignsOf(account);
  const ids = params.get('ids');
  if (ids) {
    const wanted = new Set(ids.split(',').map((s) => s.trim()));
    items = items.filter((c) => wanted.has(c.id));
  }
  const campaignType = params.get('campaignType');
  if (campaignType) items = items.filter((c) => c.campaignTp === campaignType);
  const page = pageById(res, params, items);
  if (page) respond(page.map((c) => view(state, c)));
}

/** GET /ncc/campaigns/{id}. Foreign or unknown ids answer 404 with code 1018 (reference §3.6, §8 row 13). */
export function getCampaign({ res, state, account, index, respond }: NaverCall, id: string) {
  const campaign = ownCampaign(res, account, index, id);
  if (campaign) respond(view(state, campaign));
}

/**
 * The caller's campaign `id`, else answers 3504 for a malformed id or `foreign` (default 404 / 1018, reference §3.6,
 * §8 row 13) for a deleted, foreign or unknown one, and returns undefined.
 */
export function ownCampaign(
  res: ServerResponse,
  account: SandboxAccount,
  index: NaverIndex,
  id: string,
  foreign: { status: number; code: number } = NAVER_FOREIGN_ENTITY,
) {
  if (!NAVER_CAMPAIGN_ID.test(id)) {
    sendNaverError(res, 400, NAVER_CODES.invalidCampaignNumber, 'Invalid campaign number');
    return undefined;
  }
  const campaign = index.ownCampaign(account, id);
  if (!campaign) sendNaverError(res, foreign.status, foreign.code, '리소스에 접근할 권한이 없습니다.');
  return campaign;
}

/**
 * PUT /ncc/campaigns/{id}?fields=budget with the full Campaign JSON → the updated Campaign (reference §3.5). The
 * budget is absolute, int KRW; it also caps the sum of the campaign's ad groups (saedu FAQ 141).
 */
export function updateCampaign(call: NaverCall, params: URLSearchParams, bodyText: string, id: string) {
  const campaign = ownCampaign(call.res, call.account, call.index, id);
  if (campaign) putBudget(call, params, bodyText, campaign, 'campaign', () => view(call.state, campaign));
}
