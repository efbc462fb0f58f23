import type { IncomingMessage, ServerResponse } from 'node:http';
import { addDays, isIsoDate } from '../../../domain/dates';
import { currencyDecimals } from '../../../domain/money';
import type { FaultKind } from '../../../sandbox/faults';
import { sendJson, sendRaw } from '../../../sandbox/http-util';
import type { SandboxState } from '../../../sandbox/state';
import {
  ADJUST_ATTRIBUTION_SOURCE,
  ADJUST_ATTRIBUTION_TYPES,
  ADJUST_BURST,
  ADJUST_COHORT_MATURITY,
  ADJUST_DEFAULT_ATTRIBUTION,
  ADJUST_EVENT_METRIC_SUFFIX,
  ADJUST_KNOWN_DIMENSIONS,
  ADJUST_KNOWN_METRICS,
  ADJUST_PATH,
  ADJUST_RATE_PER_SECOND,
} from './api-facts';
import { adjustServedRows, type AdjustServedRow, type AttributionType } from './data';

function option(state: SandboxState, name: string, fallback: number): number {
  const value = state.world.trackers?.adjust?.options?.[name];
  return typeof value === 'number' ? value : fallback;
}

/** The zone's offset at 12:00 UTC of a date, "+09:00" style (the sandbox's own reading of Intl). */
function offsetOn(date: string, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')?.value;
  return name === undefined || name === 'GMT' ? '+00:00' : name.slice(3);
}

const badRequest = (res: ServerResponse, error: string) => sendJson(res, 400, { error });

/** Per source IP: `ADJUST_RATE_PER_SECOND` tokens a second up to `ADJUST_BURST`; none left is a 429 (rate-limits page). */
function admit(state: SandboxState, ip: string): boolean {
  const rate = option(state, 'ratePerSecond', ADJUST_RATE_PER_SECOND);
  const burst = option(state, 'burst', ADJUST_BURST);
  const key = `adjust:ip:${ip}`;
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

export async function handleAdjust(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  segments: string[],
  state: SandboxState,
  fault: FaultKind,
): Promise<void> {
  if (segments.join('/') !== ADJUST_PATH.join('/')) return sendJson(res, 404, { error: 'Not Found' });
  if (req.method !== 'GET') return sendJson(res, 405, { error: 'Method Not Allowed' });
  if (!admit(state, req.socket.remoteAddress ?? 'unknown') || fault === 'rate_limit') {
    return sendJson(res, 429, { error: 'Too Many Requests' });
  }
  const world = state.world.trackers?.adjust;
  const token = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  const grant = token ? world?.grants.find((g) => g.token === token) : undefined;
  if (!grant || (token && state.faults.expiredTokens.includes(token))) {
    return sendJson(res, 401, { error: 'Invalid or missing API token' });
  }
  if (fault === 'server_error') {
    return state.requestCount % 2 === 0
      ? sendJson(res, 503, { error: 'Service Unavailable' })
      : sendJson(res, 504, { error: 'Gateway Timeout' });
  }

  const q = url.searchParams;
  const tokens = (q.get('app_token__in') ?? '').split(',').filter(Boolean);
  if (tokens.length !== 1) return badRequest(res, 'app_token__in: this sandbox serves one app token per report');
  const app = world?.apps.find((a) => a.id === tokens[0]);
  if (!app || !grant.apps.includes(app.id)) return sendJson(res, 403, { error: `no access to app ${tokens[0]}` });

  const [from, to] = (q.get('date_period') ?? '').split(':');
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
    return badRequest(res, 'date_period: expected YYYY-MM-DD:YYYY-MM-DD (this sandbox serves absolute dates only)');
  }
  const dimensions = (q.get('dimensions') ?? '').split(',').filter(Boolean);
  const metrics = (q.get('metrics') ?? '').split(',').filter(Boolean);
  if (dimensions.length === 0 || metrics.length === 0) return badRequest(res, 'dimensions and metrics are required');
  const unknownDimension = dimensions.find((d) => !ADJUST_KNOWN_DIMENSIONS.includes(d));
  if (unknownDimension) return badRequest(res, `unknown dimension ${unknownDimension}`);
  const eventNames = new Set(app.events);
  const unknownMetric = metrics.find(
    (m) =>
      !ADJUST_KNOWN_METRICS.includes(m) &&
      !(m.endsWith(ADJUST_EVENT_METRIC_SUFFIX) && eventNames.has(m.slice(0, -ADJUST_EVENT_METRIC_SUFFIX.length))),
  );
  if (unknownMetric) return badRequest(res, `unknown metric ${unknownMetric}`);
  if (!dimensions.includes('day')) return badRequest(res, 'this sandbox serves daily reports only (dimension day)');

  const types = (q.get('attribution_types') ?? ADJUST_DEFAULT_ATTRIBUTION).split(',');
  const unknownType = types.find((t) => !(ADJUST_ATTRIBUTION_TYPES as readonly string[]).includes(t));
  if (unknownType) return badRequest(res, `attribution_types: unknown type ${unknownType}`);
  const maturity = q.get('cohort_maturity');
  if (maturity !== null && !ADJUST_COHORT_MATURITY.includes(maturity))
    return badRequest(res, `cohort_maturity: ${maturity}`);
  const source = q.get('attribution_source');
  if (source !== null && !ADJUST_ATTRIBUTION_SOURCE.includes(source))
    return badRequest(res, `attribution_source: ${source}`);
  if (q.has('timezone_id'))
    return badRequest(res, 'timezone_id: this sandbox knows no Adjust zone ids; send utc_offset');
  // The sandbox keeps days in the app's zone, so it serves only that zone's offset; any other is refused, not shifted.
  const offset = q.get('utc_offset') ?? '+00:00';
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (offsetOn(date, app.timeZone) !== offset) {
      return badRequest(
        res,
        `utc_offset ${offset}: ${app.id} days are in ${app.timeZone} (${offsetOn(date, app.timeZone)} on ${date})`,
      );
    }
  }

  const unit = 10n ** BigInt(6 - currencyDecimals(app.currency));
  const rows = adjustServedRows(
    state.world.seed,
    app,
    from,
    to,
    state.now(),
    new Set(types as AttributionType[]),
    unit,
  );
  if (rows.length === 0) {
    res.writeHead(204);
    res.end();
    return;
  }
  const served = rows.map((r) => formatRow(r, dimensions, metrics, app.currency, app.name, app.id));
  const totals = Object.fromEntries(metrics.map((m) => [m, served.reduce((n, r) => n + Number(r[m] ?? 0), 0)]));
  const body = { rows: served, totals, warnings: [] };
  if (fault === 'malformed') {
    const broken =
      state.requestCount % 2 === 0
        ? { ...body, rows: undefined }
        : { ...body, rows: [{ ...served[0], installs: 'n/a' }, ...served.slice(1)] };
    return sendRaw(res, 200, JSON.stringify(broken));
  }
  sendJson(res, 200, body);
}

function money(micros: bigint, currency: string): string {
  const decimals = currencyDecimals(currency);
  const minor = (micros / 10n ** BigInt(6 - decimals)).toString().padStart(decimals + 1, '0');
  return decimals === 0 ? minor : `${minor.slice(0, -decimals)}.${minor.slice(-decimals)}`;
}

/** A report row: the requested dimensions and metrics only, every value a string (reports page, response format). */
function formatRow(
  r: AdjustServedRow,
  dimensions: string[],
  metrics: string[],
  currency: string,
  appName: string,
  appToken: string,
) {
  const values: Record<string, string> = {
    day: r.date,
    partner_name: r.partner,
    campaign_network: r.campaignName,
    campaign_id_network: r.campaignId,
    currency,
    app: appName,
    app_token: appToken,
    installs: String(r.day.installs),
    reattributions: String(r.day.reEngagements),
    events: String(r.day.eventCounts.reduce((n, e) => n + e.count, 0)),
    all_revenue: money(r.day.revenueMicros, currency),
    revenue: money(r.day.revenueMicros, currency),
    cost: money(r.day.costMicros ?? 0n, currency),
    clicks: String((r.day.installs + r.day.reEngagements) * 15),
    impressions: String((r.day.installs + r.day.reEngagements) * 600),
  };
  for (const e of r.day.eventCounts) values[`${e.name}${ADJUST_EVENT_METRIC_SUFFIX}`] = String(e.count);
  return Object.fromEntries([...dimensions, ...metrics].map((k) => [k, values[k] ?? '0']));
}
