import type { IncomingMessage, ServerResponse } from 'node:http';
import { TIKTOK_CODES } from './api-facts';
import type { FaultKind } from '../../../sandbox/faults';
import type { SandboxAccount } from '../../../sandbox/generator';
import { readBody, sendJson } from '../../../sandbox/http-util';
import type { SandboxState } from '../../../sandbox/state';
import type { SandboxGrant } from '../../../sandbox/world';
import { advertiserInfo } from './advertiser';
import { listAdGroups, updateAdGroup } from './adgroups';
import { listCampaigns, updateCampaign } from './campaigns';
import { tiktokCatalog, type TiktokCatalog } from './data';
import { jsonStringArray } from './params';
import { integratedReport } from './report';
import { failure, invalidParams, requestId, sendEnvelope, sendMalformed, type TiktokReply } from './respond';

/** unverified: requests per second per access token before TikTok answers 40100 (world option `qpsLimit`). */
const DEFAULT_QPS_LIMIT = 20;

export function tiktokIndex(state: SandboxState) {
  const accounts = new Map((state.world.tiktok?.accounts ?? []).map((a) => [a.id, a]));
  const catalogs = new Map([...accounts.values()].map((a) => [a.id, tiktokCatalog(state.world.seed, a)]));
  const catalogOf = (account: SandboxAccount): TiktokCatalog =>
    catalogs.get(account.id) ?? { campaigns: [], adGroupsOf: () => [] };
  return { accounts, catalogOf };
}

export type TiktokIndex = ReturnType<typeof tiktokIndex>;

/** Routes /tiktok/open_api/{version}/{path}/ like business-api.tiktok.com/open_api/v1.3/ (reference §5.1). */
export async function handleTiktok(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  segments: string[],
  state: SandboxState,
  index: TiktokIndex,
  fault: FaultKind,
): Promise<void> {
  const [root, version, ...rest] = segments;
  const path = rest.join('/');
  // unverified: the body of TikTok's answer to an unknown path; HTTP 404 is what matters to the client.
  if (root !== 'open_api' || !version || !/^v\d+\.\d+$/.test(version) || !path) {
    return sendJson(res, 404, {
      code: 40400,
      message: `Not found: ${url.pathname}`,
      request_id: requestId(),
      data: {},
    });
  }

  // Auth: `Access-Token` header on every call (reference §5.1). Codes: see platforms/tiktok/codes.ts (unverified).
  const token = req.headers['access-token'];
  if (typeof token !== 'string' || token === '') {
    return sendEnvelope(
      res,
      failure(TIKTOK_CODES.tokenMissing, 'Access token is null, please check your request header.'),
    );
  }
  const grant = state.world.tiktok?.grants.find((g) => g.token === token);
  if (!grant || state.faults.expiredTokens.includes(token)) {
    return sendEnvelope(res, failure(TIKTOK_CODES.tokenInvalid, 'Access token is invalid or expired.'));
  }

  // 40100 carries no delay (reference §5.3): the client falls back to its own back-off floor.
  if (fault === 'rate_limit' || overQps(state, token)) {
    return sendEnvelope(
      res,
      failure(TIKTOK_CODES.rateLimited, 'Too many requests. The request frequency exceeds the QPS limit of this app.'),
    );
  }
  if (fault === 'server_error') return sendServerError(res, state.requestCount);

  const params = Object.fromEntries(url.searchParams);
  const reply = await route(req, path, params, grant, state, index);
  if (fault === 'malformed' && req.method === 'GET') return sendMalformed(res, reply);
  sendEnvelope(res, reply);
}

async function route(
  req: IncomingMessage,
  path: string,
  params: Record<string, string>,
  grant: SandboxGrant,
  state: SandboxState,
  index: TiktokIndex,
): Promise<TiktokReply> {
  if (req.method === 'GET' && path === 'advertiser/info') {
    const ids = jsonStringArray(params, 'advertiser_ids', true);
    if (!ids.ok) return invalidParams(ids.message);
    const accounts: SandboxAccount[] = [];
    for (const id of ids.value ?? []) {
      const account = permitted(grant, index, id);
      if (!account) return noPermission(id);
      accounts.push(account);
    }
    return advertiserInfo(params, accounts);
  }
  const getters: Record<string, typeof listCampaigns> = {
    'campaign/get': listCampaigns,
    'adgroup/get': listAdGroups,
    'report/integrated/get': integratedReport,
  };
  const getter = getters[path];
  if (req.method === 'GET' && getter) {
    if (!params.advertiser_id) return invalidParams('advertiser_id: Missing data for required field.');
    const account = permitted(grant, index, params.advertiser_id);
    if (!account) return noPermission(params.advertiser_id);
    return getter(params, state, account, index.catalogOf(account));
  }
  const updaters: Record<string, typeof updateAdGroup> = {
    'campaign/update': (body, st, account, catalog) => updateCampaign(body, st, account, catalog.campaigns),
    'adgroup/update': updateAdGroup,
  };
  const updater = updaters[path];
  if (req.method === 'POST' && updater) {
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req)) || '{}');
    } catch {
      return invalidParams('The request body is not valid JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return invalidParams('Expected a JSON object.');
    const fields = body as Record<string, unknown>;
    if (fields.advertiser_id === undefined) return invalidParams('advertiser_id: Missing data for required field.');
    const account = permitted(grant, index, String(fields.advertiser_id));
    if (!account) return noPermission(String(fields.advertiser_id));
    return updater(fields, state, account, index.catalogOf(account));
  }
  return invalidParams(`The sandbox does not serve ${req.method ?? '?'} /open_api/.../${path}/.`);
}

function permitted(grant: SandboxGrant, index: TiktokIndex, advertiserId: string): SandboxAccount | undefined {
  return grant.accounts.includes(advertiserId) ? index.accounts.get(advertiserId) : undefined;
}

/** unverified code: the token is valid but not authorised for this advertiser (or it does not exist). */
const noPermission = (advertiserId: string) =>
  failure(TIKTOK_CODES.noPermission, `No permission to operate advertiser ${advertiserId}.`);

/** TikTok's system errors come both inside HTTP 200 (Airbyte test_service_error_retry.py) and as gateway 5xx. */
function sendServerError(res: ServerResponse, requestNumber: number): void {
  const variant = requestNumber % 3;
  if (variant === 0) return sendEnvelope(res, failure(TIKTOK_CODES.systemError, 'System error.'));
  if (variant === 1) return sendEnvelope(res, failure(TIKTOK_CODES.serviceUnavailable, 'Service unavailable.'));
  res.writeHead(503, { 'content-type': 'text/html' });
  res.end('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
}

/** A sliding one-second window of accepted requests per access token. */
function overQps(state: SandboxState, token: string): boolean {
  const limit = Number(state.world.tiktok?.options?.qpsLimit ?? DEFAULT_QPS_LIMIT);
  const key = `tiktok:${token}`;
  const now = Date.now();
  const recent = (state.usage.get(key) ?? []).filter((t) => now - t < 1_000);
  if (recent.length >= limit) {
    state.usage.set(key, recent);
    return true;
  }
  state.usage.set(key, [...recent, now]);
  return false;
}
