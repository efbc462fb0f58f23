import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../../../sandbox/faults';
import { readBody, sendJson } from '../../../sandbox/http-util';
import type { SandboxState } from '../../../sandbox/state';
import { getAdgroup, listAdgroups, updateAdgroup } from './adgroups';
import { authenticate } from './auth';
import type { NaverCall } from './call';
import { getCampaign, listCampaigns, updateCampaign } from './campaigns';
import { sendNaverError, transactionHeaders } from './errors';
import type { NaverIndex } from './lookup';
import { stats } from './stats';

/**
 * Organic throttle, per called customer (X-Customer), as Naver limits (reference §3.6; issue #426 "customer id
 * 기준"). Naver publishes no number; staff mention "a few per second or more" (#272) and ~25–30/s overall (#122).
 * The default (20 requests in any 1 s window) is unverified; world options `requestsPerSecondPerCustomer` overrides.
 */
const DEFAULT_REQUESTS_PER_SECOND_PER_CUSTOMER = 20;

function overCustomerLimit(state: SandboxState, customerId: string): boolean {
  const option = state.world.naver?.options?.requestsPerSecondPerCustomer;
  const limit = typeof option === 'number' ? option : DEFAULT_REQUESTS_PER_SECOND_PER_CUSTOMER;
  const key = `naver:${customerId}`;
  const now = Date.now();
  const calls = (state.usage.get(key) ?? []).filter((t) => now - t < 1_000);
  calls.push(now);
  state.usage.set(key, calls);
  return calls.length > limit;
}

/**
 * Throttle answers. HTTP 429 with `{"code":429,"status":429,"title":"Cannot handle the request. Too many requests
 * already exist."}` is quoted live in issue #1166; code 1016 "Too many connections" is in the code map and the
 * reference (§3.6) but its HTTP status is unverified (429 here). No Retry-After header exists on either.
 */
function sendThrottle(res: ServerResponse, state: SandboxState) {
  if (state.requestCount % 2 === 0) return sendNaverError(res, 429, 1016, '너무 많은 접속을 시도 하였습니다.');
  sendNaverError(res, 429, 429, 'Cannot handle the request. Too many requests already exist.');
}

/** 503 code 503 is scheduled maintenance (code map); the bare 500 body is unverified (issue #1338 shows no body). */
function sendServerError(res: ServerResponse, state: SandboxState) {
  if (state.requestCount % 2 === 0) {
    return sendNaverError(res, 503, 503, 'Service is currently undergoing scheduled maintenance.');
  }
  sendJson(res, 500, { status: 500, title: 'Internal Server Error' }, transactionHeaders());
}

export async function handleNaver(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  segments: string[],
  state: SandboxState,
  index: NaverIndex,
  fault: FaultKind,
): Promise<void> {
  if (!state.world.naver) return sendNaverError(res, 404, 1001, 'sandbox world has no naver section');
  // What the client signed: the real API path, without the sandbox's /naver prefix and the query string.
  const uri = `/${segments.join('/')}`;
  const body = req.method === 'PUT' || req.method === 'POST' ? await readBody(req) : '';
  const caller = authenticate(req, res, uri, state);
  if (!caller) return;
  const { account } = caller;

  if (fault === 'rate_limit') return sendThrottle(res, state);
  if (overCustomerLimit(state, account.id)) {
    state.count('naver:throttled');
    return sendThrottle(res, state);
  }
  if (fault === 'server_error') return sendServerError(res, state);

  const respond = (payload: unknown) => {
    if (fault === 'malformed') return sendJson(res, 200, malformed(payload), transactionHeaders());
    sendJson(res, 200, payload, transactionHeaders());
  };

  const call: NaverCall = { res, state, account, index, respond };
  const [first, second, id, ...rest] = segments;
  const params = url.searchParams;
  if (first === 'stats' && !second && req.method === 'GET') return stats(call, params);
  if (first === 'ncc' && second === 'campaigns' && rest.length === 0) {
    if (!id && req.method === 'GET') return listCampaigns(call, params);
    if (id && req.method === 'GET') return getCampaign(call, id);
    if (id && req.method === 'PUT') return updateCampaign(call, params, body, id);
  }
  if (first === 'ncc' && second === 'adgroups' && rest.length === 0) {
    if (!id && req.method === 'GET') return listAdgroups(call, params);
    if (id && req.method === 'GET') return getAdgroup(call, id);
    if (id && req.method === 'PUT') return updateAdgroup(call, params, body, id);
  }
  // Unknown path or method: "Invalid URL format" (code map 1009); the real gateway's answer is unverified.
  sendNaverError(res, 404, 1009, `URL 형식이 잘못되었습니다. (${req.method} ${uri})`);
}

/**
 * A 200 body that breaks a documented field: salesAmt becomes "N/A" in the first stats row, dailyBudget "N/A" in
 * the first campaign or ad group, or the expected array / `data` goes missing when there is nothing to break.
 */
function malformed(payload: unknown): unknown {
  const breakFirst = (rows: unknown[], field: string) =>
    rows.length > 0 && typeof rows[0] === 'object' && rows[0] !== null
      ? [{ ...(rows[0] as object), [field]: 'N/A' }, ...rows.slice(1)]
      : undefined;
  if (Array.isArray(payload)) return breakFirst(payload, 'dailyBudget') ?? { result: 'sandbox malformed body' };
  if (typeof payload === 'object' && payload !== null) {
    const { data, ...rest } = payload as Record<string, unknown>;
    if (Array.isArray(data)) {
      const broken = breakFirst(data, 'salesAmt');
      return broken ? { ...rest, data: broken } : rest;
    }
    return { ...payload, dailyBudget: 'N/A' };
  }
  return { result: 'sandbox malformed body' };
}
