import type { ServerResponse } from 'node:http';
import { NAVER_CAMPAIGN_ID, NAVER_CODES, NAVER_FOREIGN_ENTITY } from './api-facts';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import type { NaverSandboxCampaign } from './data';
import { sendNaverError } from './errors';
import { formatCampaign } from './format';
import { currentBudgetWon, type NaverIndex } from './lookup';
import { pageById } from './paging';

type Respond = (payload: unknown) => void;

/** UI limits, not in the published spec (reference §3.5 "No documented min/max"): unverified. */
const MIN_DAILY_BUDGET_WON = 50n;
const MAX_DAILY_BUDGET_WON = 1_000_000_000n;
const DAILY_BUDGET_STEP_WON = 10n;

/** Last modification: the latest budget mutation, else registration (reset-safe: derived from state.mutations). */
function editTm(state: SandboxState, campaign: NaverSandboxCampaign): string {
  const last = state.mutations.findLast((m) => m.platform === 'naver' && m.entityId === campaign.id);
  return last?.at ?? campaign.regTm;
}

function view(state: SandboxState, campaign: NaverSandboxCampaign) {
  return formatCampaign(campaign, currentBudgetWon(state, campaign), editTm(state, campaign));
}

/**
 * GET /ncc/campaigns: a JSON array, optionally filtered by `ids` / `campaignType`, paged with `recordSize` and
 * `baseSearchId` + `selector=NEXT|PREVIOUS` (reference §3.2; see pageById).
 */
export function listCampaigns(
  res: ServerResponse,
  params: URLSearchParams,
  state: SandboxState,
  account: SandboxAccount,
  index: NaverIndex,
  respond: Respond,
) {
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
export function getCampaign(
  res: ServerResponse,
  state: SandboxState,
  account: SandboxAccount,
  index: NaverIndex,
  id: string,
  respond: Respond,
) {
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
 * budget is absolute, int KRW. Without `fields` the real API replaces the whole campaign with the body (a
 * destructive hazard); the sandbox refuses that instead of imitating it, so an engine bug cannot pass silently.
 */
export function updateCampaign(
  res: ServerResponse,
  params: URLSearchParams,
  bodyText: string,
  state: SandboxState,
  account: SandboxAccount,
  index: NaverIndex,
  id: string,
  respond: Respond,
) {
  const campaign = ownCampaign(res, account, index, id);
  if (!campaign) return;
  const fields = params.get('fields');
  if (fields === null) {
    return sendNaverError(
      res,
      400,
      1002,
      'sandbox: PUT /ncc/campaigns/{id} without ?fields= would replace the whole campaign; send fields=budget',
    );
  }
  if (fields !== 'budget') return sendNaverError(res, 400, 1002, `sandbox serves fields=budget only, got ${fields}`);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    return sendNaverError(res, 400, 1007, 'Received value is not suitable for JSON format.');
  }
  if (typeof body !== 'object' || body === null || body.nccCampaignId !== campaign.id) {
    return sendNaverError(res, 400, 1002, 'body.nccCampaignId must equal the campaign id in the path');
  }
  if (typeof body.useDailyBudget !== 'boolean') {
    return sendNaverError(res, 400, 3505, '요청하신 캠페인의 일일허용 예산값이 잘못되었습니다.');
  }
  let target = 0n; // useDailyBudget=false: unlimited, stored as Naver does (dailyBudget 0)
  if (body.useDailyBudget) {
    const value = body.dailyBudget;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      return sendNaverError(res, 400, 3505, '요청하신 캠페인의 일일허용 예산값이 잘못되었습니다.');
    }
    target = BigInt(value);
    if (target < MIN_DAILY_BUDGET_WON || target > MAX_DAILY_BUDGET_WON || target % DAILY_BUDGET_STEP_WON !== 0n) {
      return sendNaverError(res, 400, 3505, '요청하신 캠페인의 일일허용 예산값이 잘못되었습니다.');
    }
  }
  const before = currentBudgetWon(state, campaign);
  const at = state.now().toISOString();
  state.mutations.push({
    at,
    platform: 'naver',
    accountId: account.id,
    entityId: campaign.id,
    field: 'dailyBudget',
    oldValue: before === null ? null : before.toString(),
    newValue: target.toString(),
    validateOnly: false,
  });
  state.budgets.set(campaign.id, target);
  respond(view(state, campaign));
}
