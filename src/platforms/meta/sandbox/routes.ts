import type { IncomingMessage, ServerResponse } from 'node:http';
import { addDays, dateInZone, daysBetween, isIsoDate, type IsoDate } from '../../../domain/dates';
import { metaCurrencyOffset } from '../../../domain/money';
import type { FaultKind } from '../../../sandbox/faults';
import { parseBodyParams, readBody, sendJson, sendRaw } from '../../../sandbox/http-util';
import type { SandboxState } from '../../../sandbox/state';
import { campaignDay, reportedDay, type SandboxAccount } from '../../../sandbox/generator';
import {
  META_RESTATEMENT,
  metaAdSetDays,
  metaAdSets,
  metaCampaigns,
  type SandboxAdSet,
  type SandboxCampaign,
} from './data';
import { formatAdSet, formatCampaign, formatInsightsRow, INSIGHTS_FIELDS } from './format';

const USAGE_WINDOW_MS = 300_000; // BUC scores decay over 300 s (docs marketing-api/overview/rate-limiting)
const USAGE_CAPACITY = 3_000;
const BUDGET_CHANGES_PER_HOUR = 4; // docs marketing-api/overview/rate-limiting, "Budget change"

interface MetaError {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

/** Graph error envelope (docs graph-api/guides/error-handling). */
function sendMetaError(res: ServerResponse, status: number, error: MetaError, headers: Record<string, string> = {}) {
  const fbtrace_id = `Sbx${Math.random().toString(36).slice(2, 12)}`;
  sendJson(res, status, { error: { ...error, fbtrace_id } }, headers);
}

export function metaPaths(state: SandboxState) {
  const accounts = new Map(state.world.meta.accounts.map((a) => [a.id, a]));
  const campaignCache = new Map<string, SandboxCampaign[]>();
  const campaignsOf = (account: SandboxAccount) => {
    let list = campaignCache.get(account.id);
    if (!list) {
      list = metaCampaigns(state.world.seed, account);
      campaignCache.set(account.id, list);
    }
    return list;
  };
  const adSetCache = new Map<string, SandboxAdSet[]>();
  const adSetsOf = (account: SandboxAccount, campaign: SandboxCampaign) => {
    let list = adSetCache.get(campaign.id);
    if (!list) {
      list = metaAdSets(state.world.seed, account, campaign);
      adSetCache.set(campaign.id, list);
    }
    return list;
  };
  /** Campaign and ad set nodes → their account; ad sets also → their campaign. */
  const campaignOwner = new Map<string, SandboxAccount>();
  const adSetNodes = new Map<string, { adSet: SandboxAdSet; campaign: SandboxCampaign }>();
  for (const account of accounts.values()) {
    for (const c of campaignsOf(account)) {
      campaignOwner.set(c.id, account);
      for (const adSet of adSetsOf(account, c)) {
        campaignOwner.set(adSet.id, account);
        adSetNodes.set(adSet.id, { adSet, campaign: c });
      }
    }
  }
  return { accounts, campaignsOf, adSetsOf, campaignOwner, adSetNodes };
}

export type MetaIndex = ReturnType<typeof metaPaths>;

/** Today in the account's zone, per the sandbox clock. */
export function metaToday(state: SandboxState, account: SandboxAccount): IsoDate {
  return dateInZone(state.now(), account.timeZone);
}

/** A campaign's (CBO) or an ad set's (ABO) budget after any sandbox mutation, in minor units. */
export function currentBudget(state: SandboxState, entity: BudgetHolder): bigint | null {
  return state.budgets.get(entity.id) ?? entity.dailyBudgetMinor;
}

type BudgetHolder = Pick<SandboxCampaign | SandboxAdSet, 'id' | 'dailyBudgetMinor'>;

export async function handleMeta(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  segments: string[],
  state: SandboxState,
  index: MetaIndex,
  fault: FaultKind,
): Promise<void> {
  const [version, node, edge, ...rest] = segments;
  if (!version || !/^v\d+\.\d+$/.test(version) || !node || rest.length > 0) {
    return sendMetaError(res, 400, { message: 'Unknown path components', type: 'OAuthException', code: 2500 });
  }
  const body = req.method === 'POST' ? parseBodyParams(await readBody(req), req.headers['content-type']) : {};
  const params = { ...Object.fromEntries(url.searchParams), ...body };

  // Auth: Authorization: Bearer, or access_token in the query or form (Graph API standard).
  const bearer = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  const token = bearer ?? params.access_token;
  if (!token) {
    return sendMetaError(res, 400, {
      message: 'An access token is required to request this resource.',
      type: 'OAuthException',
      code: 104,
    });
  }
  const grant = state.world.meta.grants.find((t) => t.token === token);
  if (!grant) {
    return sendMetaError(res, 400, {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    });
  }
  if (state.faults.expiredTokens.includes(token)) {
    return sendMetaError(res, 400, {
      message: 'Error validating access token: Session has expired on Friday, 20-Nov-26 09:00:00 PST.',
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
    });
  }

  const account = node.startsWith('act_') ? index.accounts.get(node) : index.campaignOwner.get(node);
  if (!account || !grant.accounts.includes(account.id)) {
    return sendMetaError(res, 400, {
      message: `Unsupported ${req.method === 'POST' ? 'post' : 'get'} request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    });
  }

  const usageHeaders = recordUsage(state, account, fault === 'rate_limit');
  if (fault === 'rate_limit' || usageHeaders.throttled) {
    // Ads Insights BUC throttle: HTTP 400, code 80000, subcode 2446079 (Airbyte test_errors.py).
    return sendMetaError(
      res,
      400,
      {
        message:
          '(#80000) There have been too many calls from this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-insights.',
        type: 'OAuthException',
        code: 80000,
        error_subcode: 2446079,
      },
      usageHeaders.headers,
    );
  }
  if (fault === 'server_error') {
    return state.requestCount % 2 === 0
      ? sendMetaError(res, 500, {
          message: 'An unknown error occurred',
          type: 'OAuthException',
          code: 1,
          error_subcode: 99,
          is_transient: true,
        })
      : sendMetaError(res, 503, {
          message: 'An unexpected error has occurred. Please retry your request later.',
          type: 'OAuthException',
          code: 2,
          is_transient: true,
        });
  }

  const respond = (payload: Record<string, unknown>) => {
    if (fault === 'malformed') return sendMalformed(res, payload, usageHeaders.headers);
    sendJson(res, 200, payload, usageHeaders.headers);
  };

  if (node.startsWith('act_') && !edge && req.method === 'GET') return respond(accountNode(account, params.fields));
  if (node.startsWith('act_') && edge === 'campaigns' && req.method === 'GET') {
    return listCampaigns(token, res, url, params, state, index.campaignsOf(account), respond);
  }
  if (node.startsWith('act_') && edge === 'adsets' && req.method === 'GET') {
    const fields = fieldSet(params.fields, ['id']);
    const rows = index
      .campaignsOf(account)
      .flatMap((c) => index.adSetsOf(account, c).map((a) => formatAdSet(a, c, currentBudget(state, a), fields)));
    return page(token, res, url, params, rows, respond, 25);
  }
  if (node.startsWith('act_') && edge === 'insights' && req.method === 'GET') {
    return insights(token, res, url, params, state, account, index, respond);
  }
  const adSetNode = index.adSetNodes.get(node);
  if (adSetNode && !edge) {
    const { adSet, campaign } = adSetNode;
    if (req.method === 'GET') {
      return respond(formatAdSet(adSet, campaign, currentBudget(state, adSet), fieldSet(params.fields, ['id'])));
    }
    if (req.method === 'POST') {
      const cbo = 'This ad set belongs to a campaign with campaign budget optimization; change the campaign budget.';
      return updateBudget(res, params, state, account, adSet, cbo, usageHeaders.headers);
    }
  }
  if (!node.startsWith('act_') && !edge) {
    const campaign = index.campaignsOf(account).find((c) => c.id === node);
    if (!campaign)
      return sendMetaError(res, 400, { message: 'Object not found', type: 'GraphMethodException', code: 100 });
    if (req.method === 'GET') {
      return respond(formatCampaign(campaign, currentBudget(state, campaign), fieldSet(params.fields, ['id', 'name'])));
    }
    if (req.method === 'POST') {
      const abo = 'This campaign does not use campaign budget optimization; set budgets on its ad sets.';
      return updateBudget(res, params, state, account, campaign, abo, usageHeaders.headers);
    }
  }
  return sendMetaError(res, 400, {
    message: `Unsupported request: ${req.method} ${url.pathname}`,
    type: 'GraphMethodException',
    code: 100,
  });
}

function fieldSet(fields: string | undefined, fallback: string[]): Set<string> {
  return new Set(fields ? fields.split(',').map((f) => f.trim()) : fallback);
}

function accountNode(account: SandboxAccount, fields: string | undefined) {
  const offsetHours = tzOffsetHours(account.timeZone);
  const all: Record<string, unknown> = {
    id: account.id,
    account_id: account.id.slice(4),
    name: account.name,
    currency: account.currency,
    timezone_name: account.timeZone,
    timezone_offset_hours_utc: offsetHours,
    account_status: 1,
  };
  const wanted = fieldSet(fields, ['id', 'account_id']);
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.has(k) || k === 'id'));
}

function tzOffsetHours(timeZone: string): number {
  const now = new Date();
  const local = new Date(now.toLocaleString('en-US', { timeZone }));
  const utc = new Date(now.toLocaleString('en-US', { timeZone: 'UTC' }));
  return Math.round((local.getTime() - utc.getTime()) / 3_600_000);
}

/** Opaque cursors like Meta's ("MAZDZD"): base64 of the row offset. */
const encodeCursor = (offset: number) => Buffer.from(`sbx:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number | null {
  const match = Buffer.from(cursor, 'base64url')
    .toString()
    .match(/^sbx:(\d+)$/);
  return match ? Number(match[1]) : null;
}

function page<T>(
  token: string,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
  items: T[],
  respond: (p: Record<string, unknown>) => void,
  defaultLimit: number,
) {
  const limit = params.limit === undefined ? defaultLimit : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) {
    return sendMetaError(res, 400, {
      message: '(#100) Param limit must be an integer between 1 and 5000',
      type: 'OAuthException',
      code: 100,
    });
  }
  const offset = params.after ? decodeCursor(params.after) : 0;
  if (offset === null) {
    return sendMetaError(res, 400, { message: '(#100) Invalid cursor', type: 'OAuthException', code: 100 });
  }
  const slice = items.slice(offset, offset + limit);
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(offset), after: encodeCursor(offset + slice.length) },
  };
  if (offset + slice.length < items.length) {
    // Like the real API, `next` repeats every parameter, the access token included (even when it came in a header).
    const next = new URL(url.toString());
    next.searchParams.set('access_token', token);
    next.searchParams.set('after', encodeCursor(offset + slice.length));
    paging.next = next.toString();
  }
  respond({ data: slice, paging });
}

function listCampaigns(
  token: string,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
  state: SandboxState,
  campaigns: SandboxCampaign[],
  respond: (p: Record<string, unknown>) => void,
) {
  const fields = fieldSet(params.fields, ['id']);
  const rows = campaigns.map((c) => formatCampaign(c, currentBudget(state, c), fields));
  page(token, res, url, params, rows, respond, 25);
}

function insights(
  token: string,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
  state: SandboxState,
  account: SandboxAccount,
  index: MetaIndex,
  respond: (p: Record<string, unknown>) => void,
) {
  const bad = (message: string) => sendMetaError(res, 400, { message, type: 'OAuthException', code: 100 });
  const campaigns = index.campaignsOf(account);
  const level = params.level ?? 'account';
  if (level !== 'campaign' && level !== 'adset') {
    return bad(`(#100) The sandbox serves level=campaign and level=adset only, got level=${level}`);
  }
  if ((params.time_increment ?? 'all_days') !== '1') {
    return bad('(#100) The sandbox serves time_increment=1 only (one row per day)');
  }
  const today = dateInZone(state.now(), account.timeZone);
  let since: IsoDate;
  let until: IsoDate;
  if (params.date_preset) {
    const presets: Record<string, [number, number]> = { yesterday: [1, 1], last_7d: [7, 1], last_30d: [30, 1] };
    const preset = presets[params.date_preset];
    if (!preset) return bad(`(#100) date_preset must be one of ${Object.keys(presets).join(', ')}`);
    [since, until] = [addDays(today, -preset[0]), addDays(today, -preset[1])];
  } else {
    let range: { since?: unknown; until?: unknown };
    try {
      range = JSON.parse(params.time_range ?? '') as typeof range;
    } catch {
      return bad('(#100) param time_range must be a JSON object {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}');
    }
    if (!isIsoDate(range.since) || !isIsoDate(range.until)) {
      return bad('(#100) time_range since/until must be dates in YYYY-MM-DD format');
    }
    [since, until] = [range.since, range.until];
  }
  if (since > until) return bad('(#100) time_range since must be on or before until');
  if (daysBetween(since, today) > 37 * 31)
    return bad('(#3018) The start date of the time range cannot be beyond 37 months from the current date');
  const fields = fieldSet(params.fields, ['spend', 'date_start', 'date_stop']);
  const unknown = [...fields].filter((f) => !(INSIGHTS_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0) return bad(`(#100) ${unknown.join(', ')} is not valid for fields param`);

  const rows: Record<string, unknown>[] = [];
  const lastClosedDay = addDays(today, -1);
  for (let date = since; date <= until && date <= lastClosedDay; date = addDays(date, 1)) {
    for (const campaign of campaigns) {
      const settled = campaignDay(state.world.seed, 'meta', account, campaign, date);
      if (!settled) continue; // no delivery → no row (Meta omits zero rows)
      const reported = reportedDay(settled, date, state.now(), account, META_RESTATEMENT);
      if (level === 'campaign') rows.push(formatInsightsRow(account, campaign, date, reported, fields));
      else {
        const adSets = index.adSetsOf(account, campaign);
        for (const { adSet, day } of metaAdSetDays(state.world.seed, account, adSets, date, reported))
          rows.push(formatInsightsRow(account, campaign, date, day, fields, adSet));
      }
    }
  }
  page(token, res, url, params, rows, respond, 25);
}

/** POST /{campaign or ad set id} daily_budget=…: only the level that owns the budget (CBO vs ABO) accepts it. */
function updateBudget(
  res: ServerResponse,
  params: Record<string, string>,
  state: SandboxState,
  account: SandboxAccount,
  entity: BudgetHolder,
  budgetElsewhere: string,
  headers: Record<string, string>,
) {
  const raw = params.daily_budget;
  if (raw === undefined) {
    return sendMetaError(res, 400, { message: '(#100) No fields to update', type: 'OAuthException', code: 100 });
  }
  if (!/^\d+$/.test(raw)) {
    return sendMetaError(res, 400, {
      message: '(#100) param daily_budget must be a non-negative integer (minor units)',
      type: 'OAuthException',
      code: 100,
    });
  }
  const before = currentBudget(state, entity);
  if (before === null) {
    return sendMetaError(res, 400, {
      message: 'Invalid parameter',
      type: 'OAuthException',
      code: 100,
      error_subcode: 1885621,
      error_user_msg: budgetElsewhere,
    });
  }
  const minimum = 1n * metaCurrencyOffset(account.currency) * (account.currency === 'KRW' ? 1000n : 1n);
  const target = BigInt(raw);
  if (target < minimum) {
    return sendMetaError(res, 400, {
      message: 'Invalid parameter',
      type: 'OAuthException',
      code: 100,
      error_subcode: 1885272,
      error_user_msg: `Your budget is too low. The minimum daily budget is ${minimum} (minor units of ${account.currency}).`,
    });
  }
  const validateOnly = (params.execution_options ?? '').includes('validate_only');
  const now = state.now().getTime();
  const recent = (state.budgetChangeTimes.get(entity.id) ?? []).filter((t) => now - t < 3_600_000);
  if (!validateOnly && recent.length >= BUDGET_CHANGES_PER_HOUR) {
    return sendMetaError(res, 400, {
      message: '(#17) User request limit reached',
      type: 'OAuthException',
      code: 17,
      error_subcode: 1885172,
      error_user_msg: 'Budget can only be changed 4 times per hour for this object.',
    });
  }
  state.mutations.push({
    at: new Date(now).toISOString(),
    platform: 'meta',
    accountId: account.id,
    entityId: entity.id,
    field: 'daily_budget',
    oldValue: before.toString(),
    newValue: target.toString(),
    validateOnly,
  });
  if (!validateOnly) {
    state.budgets.set(entity.id, target);
    state.budgetChangeTimes.set(entity.id, [...recent, now]);
  }
  sendJson(res, 200, { success: true }, headers);
}

/** Business-use-case usage headers on every call (docs graph-api/overview/rate-limiting). */
function recordUsage(state: SandboxState, account: SandboxAccount, forceThrottle: boolean) {
  const now = Date.now();
  const calls = (state.usage.get(account.id) ?? []).filter((t) => now - t < USAGE_WINDOW_MS);
  calls.push(now);
  state.usage.set(account.id, calls);
  const pct = forceThrottle ? 100 : Math.min(100, Math.round((calls.length / USAGE_CAPACITY) * 100));
  const throttled = pct >= 100;
  const regain = throttled ? state.faults.regainAccessMinutes : 0;
  const businessId = account.id.slice(4);
  return {
    throttled,
    headers: {
      'x-business-use-case-usage': JSON.stringify({
        [businessId]: [
          {
            type: 'ads_insights',
            call_count: pct,
            total_cputime: Math.round(pct / 3),
            total_time: Math.round(pct / 2),
            estimated_time_to_regain_access: regain,
            ads_api_access_tier: 'standard_access',
          },
        ],
      }),
      'x-ad-account-usage': JSON.stringify({
        acc_id_util_pct: pct,
        reset_time_duration: throttled ? 60 : 0,
        ads_api_access_tier: 'standard_access',
      }),
      'x-fb-ads-insights-throttle': JSON.stringify({ app_id_util_pct: Math.round(pct / 4), acc_id_util_pct: pct }),
    },
  };
}

/** A body that parses but breaks the contract: a row's spend is not a number, or the data array is missing. */
function sendMalformed(res: ServerResponse, payload: Record<string, unknown>, headers: Record<string, string>) {
  const data = payload.data;
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === 'object' && data[0] !== null && 'spend' in data[0]) {
    const broken = [{ ...(data[0] as object), spend: 'N/A' }, ...data.slice(1)];
    return sendRaw(res, 200, JSON.stringify({ ...payload, data: broken }), headers);
  }
  const { data: _drop, ...rest } = payload;
  return sendRaw(res, 200, JSON.stringify({ ...rest, result: 'sandbox malformed body' }), headers);
}
