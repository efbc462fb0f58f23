import type { IncomingMessage, ServerResponse } from 'node:http';
import { dateInZone, daysBetween, isIsoDate } from '../../../domain/dates';
import type { FaultKind } from '../../../sandbox/faults';
import { isRecord, readBody, sendJson, sendRaw } from '../../../sandbox/http-util';
import { createRng, hashSeed } from '../../../sandbox/rng';
import type { SandboxState } from '../../../sandbox/state';
import type { SandboxTrackerApp } from '../../../sandbox/world';
import {
  AIRBRIDGE_BURST,
  AIRBRIDGE_DEFAULT_PAGE_SIZE,
  AIRBRIDGE_KNOWN_GROUP_BYS,
  AIRBRIDGE_KNOWN_METRICS,
  AIRBRIDGE_LIMITS,
  AIRBRIDGE_PREFIX,
  AIRBRIDGE_QUERY,
  AIRBRIDGE_RATE_PER_SECOND,
} from './api-facts';
import { airbridgeServedRows, type AirbridgeServedRow } from './data';

/** A problem document, as every Airbridge error is (`{type, title, status, detail, traceId}`). */
function problem(res: ServerResponse, status: number, title: string, detail?: string) {
  const traceId = `1-${Date.now().toString(16)}-${Math.random().toString(16).slice(2, 14)}`;
  sendJson(res, status, { type: 'about:blank', title, status, ...(detail ? { detail } : {}), traceId });
}

function option(state: SandboxState, name: string, fallback: number): number {
  const value = state.world.trackers?.airbridge?.options?.[name];
  return typeof value === 'number' ? value : fallback;
}

/** "Excessive requests" per app: a token bucket the sandbox chooses, counted like a quota for tests. */
function admit(state: SandboxState, app: string): boolean {
  const rate = option(state, 'ratePerSecond', AIRBRIDGE_RATE_PER_SECOND);
  const burst = option(state, 'burst', AIRBRIDGE_BURST);
  const key = `airbridge:app:${app}`;
  const now = Date.now();
  const bucket = state.buckets.get(key) ?? { tokens: burst, atMs: now };
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.atMs) / 1000) * rate);
  bucket.atMs = now;
  state.buckets.set(key, bucket);
  const count = state.quotas.get(key) ?? { limit: rate, used: 0, refused: 0 };
  state.quotas.set(key, count);
  if (bucket.tokens < 1) {
    count.refused += 1;
    return false;
  }
  bucket.tokens -= 1;
  count.used += 1;
  return true;
}

interface QueryRequest {
  from: string;
  to: string;
  groupBys: string[];
  metrics: string[];
  /** The sandbox clock when the task was created: results are what was known then. */
  asOf: string;
}

export async function handleAirbridge(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  segments: string[],
  state: SandboxState,
  fault: FaultKind,
): Promise<void> {
  const world = state.world.trackers?.airbridge;
  const head = segments.slice(0, AIRBRIDGE_PREFIX.length).join('/');
  const [appName, ...rest] = segments.slice(AIRBRIDGE_PREFIX.length);
  const query = rest.slice(0, AIRBRIDGE_QUERY.length).join('/');
  const taskId = rest[AIRBRIDGE_QUERY.length];
  if (head !== AIRBRIDGE_PREFIX.join('/') || !appName || query !== AIRBRIDGE_QUERY.join('/') || rest.length > 3) {
    return problem(res, 404, 'Not Found');
  }
  const token = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  const grant = token ? world?.grants.find((g) => g.token === token) : undefined;
  if (!grant || (token && state.faults.expiredTokens.includes(token)))
    return problem(res, 401, 'Unauthorized', 'invalid API token');
  const app = world?.apps.find((a) => a.id === appName);
  if (!app) return problem(res, 404, 'Not Found', `no app ${appName}`);
  if (!grant.apps.includes(app.id)) return problem(res, 403, 'Forbidden', `no access to app ${app.id}`);
  if (fault === 'rate_limit' || !admit(state, app.id)) return problem(res, 429, 'Too Many Requests');
  if (fault === 'server_error') {
    return state.requestCount % 2 === 0
      ? problem(res, 500, 'Internal Server Error')
      : problem(res, 503, 'Service Unavailable');
  }

  if (req.method === 'POST' && taskId === undefined) return submit(req, res, state, app, fault);
  if (req.method === 'GET' && taskId !== undefined) return poll(res, url, state, app, taskId, fault);
  return problem(res, 405, 'Method Not Allowed');
}

async function submit(
  req: IncomingMessage,
  res: ServerResponse,
  state: SandboxState,
  app: SandboxTrackerApp,
  fault: FaultKind,
) {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return problem(res, 400, 'Bad Request', 'the body is not JSON');
  }
  if (!isRecord(body)) return problem(res, 400, 'Bad Request', 'the body must be an object');
  const { from, to, groupBys, metrics } = body;
  // Dates are in the app's time zone; future dates are refused (actuals-report page).
  const today = dateInZone(state.now(), app.timeZone);
  if (!isIsoDate(from) || !isIsoDate(to) || from > to)
    return problem(res, 400, 'Bad Request', 'from and to must be YYYY-MM-DD, from <= to');
  if (to > today) return problem(res, 400, 'Bad Request', `to ${to} is after today (${today}, ${app.timeZone})`);
  if (daysBetween(from, to) + 1 > AIRBRIDGE_LIMITS.rangeDays) {
    return problem(res, 400, 'Bad Request', `the period is at most ${AIRBRIDGE_LIMITS.rangeDays} days`);
  }
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!strings(groupBys) || !strings(metrics))
    return problem(res, 400, 'Bad Request', 'groupBys and metrics are string arrays');
  const g = groupBys as string[];
  const m = metrics as string[];
  if (g.length === 0 || g.length > AIRBRIDGE_LIMITS.groupBys) {
    return problem(res, 400, 'Bad Request', `groupBys: 1 to ${AIRBRIDGE_LIMITS.groupBys}, got ${g.length}`);
  }
  if (m.length === 0 || m.length > AIRBRIDGE_LIMITS.metrics) {
    return problem(res, 400, 'Bad Request', `metrics: 1 to ${AIRBRIDGE_LIMITS.metrics}, got ${m.length}`);
  }
  const unknown = [
    ...g.filter((x) => !AIRBRIDGE_KNOWN_GROUP_BYS.includes(x)),
    ...m.filter((x) => !AIRBRIDGE_KNOWN_METRICS.includes(x)),
  ];
  if (unknown.length > 0) return problem(res, 400, 'Bad Request', `unknown group-by or metric: ${unknown.join(', ')}`);
  if (!g.includes('event_date'))
    return problem(res, 400, 'Bad Request', 'this sandbox serves daily rows only (group by event_date)');

  const number = state.tasks.size + 1;
  const id = `sbx-${hashSeed(state.world.seed, app.id, number, Date.now()).toString(16)}-${number}`;
  const fails = createRng(hashSeed(state.faults.seed, 'airbridge-task', number))() < state.faults.taskFailureRate;
  const request: QueryRequest = { from, to, groupBys: g, metrics: m, asOf: state.now().toISOString() };
  state.tasks.set(id, { app: app.id, createdAtMs: Date.now(), fails, request });
  const payload = { task: { taskId: id, status: 'PENDING' } };
  if (fault === 'malformed') return sendRaw(res, 200, JSON.stringify({ task: { status: 'PENDING' } }));
  sendJson(res, 200, payload);
}

function poll(
  res: ServerResponse,
  url: URL,
  state: SandboxState,
  app: SandboxTrackerApp,
  taskId: string,
  fault: FaultKind,
) {
  const task = state.tasks.get(taskId);
  if (!task || task.app !== app.id) return problem(res, 404, 'Not Found', `no task ${taskId}`);
  const elapsed = Date.now() - task.createdAtMs;
  const duration = state.faults.taskDurationMs;
  if (elapsed < duration) {
    return sendJson(res, 200, { task: { taskId, status: elapsed < duration / 2 ? 'PENDING' : 'RUNNING' } });
  }
  if (task.fails) return sendJson(res, 200, { task: { taskId, status: 'FAILURE' } });
  const skip = Number(url.searchParams.get('skip') ?? '0');
  const size = Number(url.searchParams.get('size') ?? AIRBRIDGE_DEFAULT_PAGE_SIZE);
  if (!Number.isSafeInteger(skip) || skip < 0 || !Number.isSafeInteger(size) || size < 1) {
    return problem(res, 400, 'Bad Request', 'skip and size must be whole numbers, size at least 1');
  }
  const request = task.request as QueryRequest;
  const all = airbridgeServedRows(state.world.seed, app, request.from, request.to, new Date(request.asOf));
  const rows = all.slice(skip, skip + size).map((r) => formatRow(r, request));
  if (fault === 'malformed') {
    return sendRaw(
      res,
      200,
      JSON.stringify({
        task: { taskId, status: 'SUCCESS' },
        actuals: { data: { rows: rows.map((r) => ({ ...r, groupBys: [] })) } },
      }),
    );
  }
  sendJson(res, 200, { task: { taskId, status: 'SUCCESS' }, actuals: { data: { rows } } });
}

/** `{groupBys: [values in the order asked], values: {metric: {value}}}`; money as numbers in major units. */
function formatRow(r: AirbridgeServedRow, request: QueryRequest) {
  const dimension: Record<string, string> = {
    event_date: r.date,
    channel: r.channel,
    campaign: r.campaign,
    campaign_id: r.campaignId,
    ad_group: '',
    ad_creative: '',
    os_name: 'Android',
    country: 'kr',
  };
  const metric: Record<string, number | null> = {
    app_installs: r.installs,
    app_deeplink_opens: r.deeplinkOpens,
    app_events: r.events,
    app_revenue: Number(r.revenueMicros) / 1e6,
    cost_channel: r.costMicros === null ? null : Number(r.costMicros) / 1e6,
    clicks: (r.installs + r.deeplinkOpens) * 16,
    impressions: (r.installs + r.deeplinkOpens) * 700,
    app_sign_up: 0,
    app_order_complete: 0,
  };
  return {
    groupBys: request.groupBys.map((g) => dimension[g] ?? ''),
    values: Object.fromEntries(request.metrics.map((m) => [m, { value: metric[m] ?? null }])),
  };
}
