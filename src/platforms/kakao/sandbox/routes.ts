import type { IncomingMessage, ServerResponse } from 'node:http';
import { KAKAO_DELETED_ADGROUP_DETAIL_CODE, KAKAO_DELETED_CAMPAIGN_DETAIL_CODE } from './api-facts';
import type { FaultKind } from '../../../sandbox/faults';
import type { SandboxAccount } from '../../../sandbox/generator';
import { sendRaw } from '../../../sandbox/http-util';
import type { SandboxState } from '../../../sandbox/state';
import { currentBudget, setBudget } from './budget';
import { kakaoCatalog, type KakaoCatalog } from './data';
import { badParam, businessError, quotaExceeded, sendKakaoError } from './errors';
import {
  formatAdAccount,
  formatAdGroupDetail,
  formatAdGroupSummary,
  formatCampaignDetail,
  formatCampaignSummary,
  kakaoJson,
} from './format';
import { report } from './report';

export function kakaoIndex(state: SandboxState) {
  const accounts = new Map((state.world.kakao?.accounts ?? []).map((a) => [a.id, a]));
  const catalogs = new Map([...accounts.values()].map((a) => [a.id, kakaoCatalog(state.world.seed, a)]));
  const empty: KakaoCatalog = { campaigns: [], adGroupsOf: () => [], adGroup: () => undefined };
  return { accounts, catalogOf: (account: SandboxAccount) => catalogs.get(account.id) ?? empty };
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

  const catalog = index.catalogOf(account);
  const [resource, id, ...rest] = path;
  const notFound = () => sendKakaoError(res, 404, -2, `no such API: ${req.method} ${url.pathname}`);
  if (rest.length > 0) return notFound();
  if (resource === 'adAccounts' && req.method === 'GET') return respond(formatAdAccount(account));
  if (resource === 'campaigns') {
    const deleted = (cid: string) =>
      businessError(res, KAKAO_DELETED_CAMPAIGN_DETAIL_CODE, `campaign ${cid} does not exist`);
    if (id === undefined && req.method === 'GET') return listCampaigns(res, url, catalog, respond);
    if (id === 'report' && req.method === 'GET') return report('campaign', res, url, state, account, catalog, respond);
    if (id === 'dailyBudgetAmount' && req.method === 'PUT') {
      const find = (raw: unknown) => catalog.campaigns.find((c) => c.id === raw);
      return setBudget(req, res, state, account, 'campaign', find, deleted);
    }
    if (id !== undefined && /^\d+$/.test(id) && req.method === 'GET') {
      const campaign = catalog.campaigns.find((c) => String(c.id) === id);
      if (!campaign) return deleted(id);
      return respond(formatCampaignDetail(campaign, currentBudget(state, campaign)));
    }
  }
  if (resource === 'adGroups') {
    const deleted = (gid: string) =>
      businessError(res, KAKAO_DELETED_ADGROUP_DETAIL_CODE, `ad group ${gid} does not exist`);
    if (id === undefined && req.method === 'GET') return listAdGroups(res, url, catalog, respond);
    if (id === 'report' && req.method === 'GET') return report('adset', res, url, state, account, catalog, respond);
    if (id === 'dailyBudgetAmount' && req.method === 'PUT') {
      const find = (raw: unknown) => catalog.adGroup(String(raw))?.adGroup;
      return setBudget(req, res, state, account, 'adset', find, deleted);
    }
    if (id !== undefined && /^\d+$/.test(id) && req.method === 'GET') {
      const found = catalog.adGroup(id);
      if (!found) return deleted(id);
      const budget = currentBudget(state, found.adGroup);
      return respond(formatAdGroupDetail(found.adGroup, found.campaign, account, budget));
    }
  }
  return notFound();
}

/**
 * The `config` filter of both lists: one or more of ON, OFF, DEL; without it ON and OFF (docs kakaomoment/ad-group
 * documents that default; for campaigns it is assumed the same, unverified). Null after answering a bad value.
 */
function configFilter(res: ServerResponse, url: URL): string[] | null {
  const wanted = (url.searchParams.get('config') ?? 'ON,OFF').split(',').map((c) => c.trim());
  const invalid = wanted.filter((c) => !['ON', 'OFF', 'DEL'].includes(c));
  if (invalid.length === 0) return wanted;
  badParam(res, `config must be ON, OFF or DEL, got ${invalid.join(',')}`);
  return null;
}

/** `GET /campaigns?config=ON` → `{content: [...]}` (docs kakaomoment/campaign). No paging documented. */
function listCampaigns(res: ServerResponse, url: URL, catalog: KakaoCatalog, respond: Respond) {
  const wanted = configFilter(res, url);
  if (!wanted) return;
  respond({ content: catalog.campaigns.filter((c) => wanted.includes(c.config)).map(formatCampaignSummary) });
}

/**
 * `GET /adGroups?campaignId=1234&config=ON` → `{content: [...]}` (docs kakaomoment/ad-group): one campaign per call,
 * `campaignId` required, no paging documented. Without it Kakao answers -813 (a community MCP client; unverified).
 */
function listAdGroups(res: ServerResponse, url: URL, catalog: KakaoCatalog, respond: Respond) {
  const campaignId = url.searchParams.get('campaignId');
  if (!campaignId) {
    return sendKakaoError(res, 400, -813, 'KakaoMomentException', { detailMsg: 'campaignId is required' });
  }
  if (!/^\d+$/.test(campaignId)) return badParam(res, `campaignId must be a single Long, got ${campaignId}`);
  const campaign = catalog.campaigns.find((c) => String(c.id) === campaignId);
  if (!campaign) return businessError(res, KAKAO_DELETED_CAMPAIGN_DETAIL_CODE, `campaign ${campaignId} does not exist`);
  const wanted = configFilter(res, url);
  if (!wanted) return;
  const adGroups = catalog.adGroupsOf(campaign).filter((a) => wanted.includes(a.config));
  respond({ content: adGroups.map(formatAdGroupSummary) });
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
