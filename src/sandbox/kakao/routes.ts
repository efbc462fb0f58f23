import type { IncomingMessage, ServerResponse } from 'node:http';
import { addDays, dateInZone, daysBetween, isIsoDate, type IsoDate } from '../../domain/dates';
import { KAKAO_REPORT_MAX_DAYS } from '../../platforms/kakao/wire';
import type { FaultKind } from '../faults';
import { readBody, sendRaw } from '../http-util';
import { campaignDay, reportedDay, type SandboxAccount } from '../generator';
import type { SandboxState } from '../state';
import { KAKAO_RESTATEMENT, kakaoCampaigns, reportIntervalMs, type KakaoSandboxCampaign } from './data';
import { badParam, businessError, quotaExceeded, sendKakaoError } from './errors';
import {
  formatAdAccount,
  formatCampaignDetail,
  formatCampaignSummary,
  formatReportRow,
  kakaoJson,
  METRICS_GROUPS,
} from './format';

/** Community-client budget rules (reference §4.5): ₩50,000 – ₩1,000,000,000, multiple of ₩10. Unverified. */
const MIN_DAILY_BUDGET = 50_000;
const MAX_DAILY_BUDGET = 1_000_000_000;
const BUDGET_STEP = 10;
const BUDGET_DETAIL_CODE = 31011; // a community mock rejects "min 50,000" with this detailCode (unverified)
const DELETED_CAMPAIGN_DETAIL_CODE = 31001; // community client: deleted campaign

export function kakaoIndex(state: SandboxState) {
  const accounts = new Map((state.world.kakao?.accounts ?? []).map((a) => [a.id, a]));
  const campaigns = new Map([...accounts.values()].map((a) => [a.id, kakaoCampaigns(state.world.seed, a)]));
  return { accounts, campaignsOf: (account: SandboxAccount) => campaigns.get(account.id) ?? [] };
}

export type KakaoIndex = ReturnType<typeof kakaoIndex>;

type Respond = (payload: Record<string, unknown>) => void;

export async function handleKakao(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  segments: string[],
  state: SandboxState,
  index: KakaoIndex,
  fault: FaultKind,
): Promise<void> {
  const [openapi, version, ...path] = segments;
  if (openapi !== 'openapi' || version !== 'v4' || path.length === 0) {
    return sendKakaoError(res, 404, -2, `no such API: ${url.pathname}`);
  }

  // Auth: Authorization: Bearer <business token> (docs business-auth/rest-api; reference §4.1).
  const token = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  const grant = token ? state.world.kakao?.grants.find((g) => g.token === token) : undefined;
  if (!token || !grant) return sendKakaoError(res, 401, -401, 'this access token does not exist');
  if (state.faults.expiredTokens.includes(token)) {
    return sendKakaoError(res, 401, -401, 'this access token is already expired');
  }

  // Single-account calls name the account in the adAccountId header; the ad-account detail names it in the path.
  const header = req.headers.adaccountid;
  const accountId = path[0] === 'adAccounts' && path[1] ? path[1] : typeof header === 'string' ? header : undefined;
  if (!accountId) return badParam(res, 'adAccountId header is required');
  const account = index.accounts.get(accountId);
  if (!account || !grant.accounts.includes(accountId)) {
    // -5 (HTTP 403): no permission for this ad account (reference §4.4).
    return sendKakaoError(res, 403, -5, `no permission for ad account ${accountId}`);
  }

  if (fault === 'rate_limit') {
    // Both documented quota signals, alternately: -813 with HTTP 429, and -10 with HTTP 400 (devtalk 117170).
    return state.requestCount % 2 === 0
      ? quotaExceeded(res, 'API quota exceeded')
      : sendKakaoError(res, 400, -10, 'API limit has been exceeded.');
  }
  if (fault === 'server_error') {
    // Kakao common codes: -1 internal error (500), -7 service under maintenance (503). Unverified for Moment.
    return state.requestCount % 2 === 0
      ? sendKakaoError(res, 500, -1, 'internal server error')
      : sendKakaoError(res, 503, -7, 'service is under maintenance');
  }
  const respond: Respond = (payload) =>
    sendRaw(res, 200, kakaoJson(fault === 'malformed' ? malformed(payload) : payload));

  const campaigns = index.campaignsOf(account);
  const [resource, id, ...rest] = path;
  if (rest.length > 0) return sendKakaoError(res, 404, -2, `no such API: ${url.pathname}`);
  if (resource === 'adAccounts' && req.method === 'GET') return respond(formatAdAccount(account));
  if (resource !== 'campaigns') return sendKakaoError(res, 404, -2, `no such API: ${url.pathname}`);
  if (id === undefined && req.method === 'GET') return listCampaigns(res, url, campaigns, respond);
  if (id === 'report' && req.method === 'GET') return report(res, url, state, account, campaigns, respond);
  if (id === 'dailyBudgetAmount' && req.method === 'PUT') return setBudget(req, res, state, account, campaigns);
  if (id !== undefined && /^\d+$/.test(id) && req.method === 'GET') {
    const campaign = campaigns.find((c) => String(c.id) === id);
    if (!campaign) return businessError(res, DELETED_CAMPAIGN_DETAIL_CODE, `campaign ${id} does not exist`);
    return respond(formatCampaignDetail(campaign, currentBudget(state, campaign)));
  }
  return sendKakaoError(res, 404, -2, `no such API: ${req.method} ${url.pathname}`);
}

export function currentBudget(state: SandboxState, campaign: KakaoSandboxCampaign): bigint | null {
  const changed = state.budgets.get(String(campaign.id));
  if (changed !== undefined) return changed;
  return campaign.dailyBudgetAmount === null ? null : BigInt(campaign.dailyBudgetAmount);
}

/** `GET /campaigns?config=ON` → `{content: [...]}` (docs kakaomoment/campaign). No paging documented. */
function listCampaigns(res: ServerResponse, url: URL, campaigns: KakaoSandboxCampaign[], respond: Respond) {
  // Without `config`, ON and OFF as for ad accounts (docs kakaomoment/ad-account). Unverified for campaigns.
  const wanted = (url.searchParams.get('config') ?? 'ON,OFF').split(',').map((c) => c.trim());
  const invalid = wanted.filter((c) => !['ON', 'OFF', 'DEL'].includes(c));
  if (invalid.length > 0) return badParam(res, `config must be ON, OFF or DEL, got ${invalid.join(',')}`);
  respond({ content: campaigns.filter((c) => wanted.includes(c.config)).map(formatCampaignSummary) });
}

const compact = (text: string | null): IsoDate | null => {
  const iso = text && /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : null;
  return isIsoDate(iso) ? iso : null;
};

/**
 * `GET /campaigns/report` (docs kakaomoment/report, reference §4.3): start/end as yyyyMMdd within 31 days, today
 * excluded from the data, values provisional until 08:00 KST the next day, one call per 5 s per ad account.
 */
function report(
  res: ServerResponse,
  url: URL,
  state: SandboxState,
  account: SandboxAccount,
  campaigns: KakaoSandboxCampaign[],
  respond: Respond,
) {
  // The 5-second rule is measured on the real clock, so moving the sandbox's report clock never trips it.
  const key = `kakao:report:${account.id}`;
  const last = state.usage.get(key)?.[0];
  const interval = reportIntervalMs(state.world);
  if (last !== undefined && Date.now() - last < interval) {
    state.count('kakao:report_too_soon');
    return quotaExceeded(res, `report API allows one call per ${interval / 1000} s per ad account`);
  }

  const params = url.searchParams;
  if (params.has('datePreset')) return badParam(res, 'the sandbox serves start/end only, not datePreset');
  const start = compact(params.get('start'));
  const end = compact(params.get('end'));
  if (!start || !end) return badParam(res, 'start and end must be dates in yyyyMMdd format');
  if (start > end) return badParam(res, 'start must be on or before end');
  if (daysBetween(start, end) + 1 > KAKAO_REPORT_MAX_DAYS) {
    return badParam(res, `the period from start to end must be within ${KAKAO_REPORT_MAX_DAYS} days`);
  }
  if ((params.get('timeUnit') ?? 'DAY') !== 'DAY') return badParam(res, 'timeUnit must be DAY');
  const groups = new Set((params.getAll('metricsGroup').join(',') || 'BASIC').split(',').map((g) => g.trim()));
  const unknownGroups = [...groups].filter((g) => !METRICS_GROUPS.has(g));
  if (unknownGroups.length > 0) return badParam(res, `unknown metricsGroup ${unknownGroups.join(',')}`);
  const ids = (params.getAll('campaignId').join(',') || '').split(',').filter((i) => i !== '');
  if (ids.length === 0) return badParam(res, 'campaignId is required');
  const requested: KakaoSandboxCampaign[] = [];
  for (const id of ids) {
    const campaign = campaigns.find((c) => String(c.id) === id);
    if (!campaign) return businessError(res, DELETED_CAMPAIGN_DETAIL_CODE, `campaign ${id} does not exist`);
    requested.push(campaign);
  }

  state.usage.set(key, [Date.now()]);
  const now = state.now();
  const lastClosedDay = addDays(dateInZone(now, account.timeZone), -1); // today is excluded from start/end data
  const data: Record<string, unknown>[] = [];
  for (let date = start; date <= end && date <= lastClosedDay; date = addDays(date, 1)) {
    for (const campaign of requested) {
      const settled = campaignDay(state.world.seed, 'kakao', account, campaign, date);
      if (!settled) continue; // no delivery → no row
      const row = formatReportRow(campaign, date, reportedDay(settled, date, now, account, KAKAO_RESTATEMENT), groups);
      if (row) data.push(row);
    }
  }
  respond({ code: 200, message: 'Success', data });
}

/** `PUT /campaigns/dailyBudgetAmount {id, dailyBudgetAmount}` → 200 with an empty body (reference §4.5). */
async function setBudget(
  req: IncomingMessage,
  res: ServerResponse,
  state: SandboxState,
  account: SandboxAccount,
  campaigns: KakaoSandboxCampaign[],
) {
  let body: { id?: unknown; dailyBudgetAmount?: unknown };
  try {
    body = JSON.parse((await readBody(req)) || '{}') as typeof body;
  } catch {
    return badParam(res, 'the body must be JSON {"id": ..., "dailyBudgetAmount": ...}');
  }
  const campaign = campaigns.find((c) => c.id === body.id);
  if (!campaign) return businessError(res, DELETED_CAMPAIGN_DETAIL_CODE, `campaign ${String(body.id)} does not exist`);
  const amount = body.dailyBudgetAmount;
  // null ("no limit") is not modelled: state.budgets holds amounts only.
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    return badParam(res, 'dailyBudgetAmount must be an integer amount in KRW');
  }
  if (amount < MIN_DAILY_BUDGET || amount > MAX_DAILY_BUDGET || amount % BUDGET_STEP !== 0) {
    return businessError(
      res,
      BUDGET_DETAIL_CODE,
      `일 예산은 ${MIN_DAILY_BUDGET.toLocaleString('en-US')}원 이상 ${MAX_DAILY_BUDGET.toLocaleString('en-US')}원 이하, ${BUDGET_STEP}원 단위로 설정할 수 있습니다.`,
    );
  }
  const before = currentBudget(state, campaign);
  state.mutations.push({
    at: state.now().toISOString(),
    platform: 'kakao',
    accountId: account.id,
    entityId: String(campaign.id),
    field: 'dailyBudgetAmount',
    oldValue: before === null ? null : before.toString(),
    newValue: String(amount),
    validateOnly: false,
  });
  state.budgets.set(String(campaign.id), BigInt(amount));
  res.writeHead(200);
  res.end();
}

/** A 200 body that breaks a documented field: a report row's cost, the list's content, a budget or an id. */
function malformed(payload: Record<string, unknown>): Record<string, unknown> {
  const data = payload.data;
  if (Array.isArray(data) && data.length > 0) {
    const first = data[0] as { metrics: Record<string, unknown> };
    return { ...payload, data: [{ ...first, metrics: { ...first.metrics, cost: 'N/A' } }, ...data.slice(1)] };
  }
  if (Array.isArray(data) || Array.isArray(payload.content)) {
    const { data: _data, content: _content, ...rest } = payload;
    return { ...rest, result: 'sandbox malformed body' };
  }
  if ('dailyBudgetAmount' in payload) return { ...payload, dailyBudgetAmount: 'N/A' };
  return { ...payload, id: 'N/A' };
}
