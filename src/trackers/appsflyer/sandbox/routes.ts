import type { IncomingMessage, ServerResponse } from 'node:http';
import { daysBetween, isIsoDate } from '../../../domain/dates';
import type { FaultKind } from '../../../sandbox/faults';
import { chargeQuotas } from '../../../sandbox/tracker-data';
import type { SandboxState } from '../../../sandbox/state';
import {
  AF_DAILY_QUOTA_PER_ACCOUNT,
  AF_DAILY_QUOTA_PER_APP,
  AF_LIMIT_STATUS,
  AF_OTHER_REPORTS,
  AF_PATH_PREFIX,
  AF_REPORT,
  AF_SHORT_RANGE_INTERVAL_MS,
  AF_SHORT_RANGE_MAX_DAYS,
  AF_VERSION,
  afLimitBody,
} from './api-facts';
import { afReportRows } from './data';
import { afCsv } from './format';

function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8') {
  // No rate-limit headers: AppsFlyer sends none (207034366 states the quotas only in prose).
  res.writeHead(status, { 'content-type': type });
  res.end(text);
}

function option(state: SandboxState, name: string, fallback: number): number {
  const value = state.world.trackers?.appsflyer?.options?.[name];
  return typeof value === 'number' ? value : fallback;
}

export async function handleAppsflyer(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  segments: string[],
  state: SandboxState,
  fault: FaultKind,
): Promise<void> {
  const world = state.world.trackers?.appsflyer;
  const prefix = segments.slice(0, AF_PATH_PREFIX.length);
  const [appId, report, version, ...rest] = segments.slice(AF_PATH_PREFIX.length);
  if (prefix.join('/') !== AF_PATH_PREFIX.join('/') || !appId || !report || version !== AF_VERSION || rest.length > 0) {
    return sendText(res, 404, 'Not Found');
  }
  if (req.method !== 'GET') return sendText(res, 405, 'Method Not Allowed');

  // Auth: Authorization: Bearer <API token V2> (207034346: "the API token to be used in the authentication header").
  const token = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  const grant = token ? world?.grants.find((g) => g.token === token) : undefined;
  if (!grant || (token && state.faults.expiredTokens.includes(token))) return sendText(res, 401, 'Unauthorized');
  const app = world?.apps.find((a) => a.id === appId);
  if (!app) return sendText(res, 404, 'The supplied APP ID is invalid');
  if (!grant.apps.includes(app.id)) return sendText(res, 403, `You don't have permission to access app ${app.id}`);
  if (AF_OTHER_REPORTS.includes(report)) return sendText(res, 400, `${report}: not served by this sandbox`);
  if (report !== AF_REPORT) return sendText(res, 404, `Unknown report type ${report}`);

  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
    return sendText(res, 400, 'from and to must be dates (yyyy-mm-dd) with from <= to');
  }
  const timezone = url.searchParams.get('timezone');
  if (timezone !== null && timezone !== app.timeZone) {
    return sendText(res, 400, `timezone ${timezone}: this sandbox serves the app's own zone (${app.timeZone}) only`);
  }
  const retargeting = url.searchParams.get('reattr') === 'true';

  if (fault === 'rate_limit') return sendText(res, AF_LIMIT_STATUS, afLimitBody(report));
  if (fault === 'server_error') {
    return state.requestCount % 2 === 0
      ? sendText(res, 500, 'Internal Server Error')
      : sendText(res, 503, 'Service Unavailable');
  }

  // Quotas (207034366): short ranges one call per minute per app and report; longer ones per UTC day, per app and account.
  const now = state.now();
  const reportKey = `${report}${retargeting ? ':reattr' : ''}`;
  if (daysBetween(from, to) + 1 <= AF_SHORT_RANGE_MAX_DAYS) {
    const rateKey = `appsflyer:minute:${app.id}:${reportKey}`;
    const interval = option(state, 'shortRangeIntervalMs', AF_SHORT_RANGE_INTERVAL_MS);
    const last = state.lastCallAt.get(rateKey);
    const count = state.quotas.get(rateKey) ?? { limit: 1, used: 0, refused: 0 };
    state.quotas.set(rateKey, count);
    if (last !== undefined && now.getTime() - last < interval) {
      count.refused += 1;
      return sendText(res, AF_LIMIT_STATUS, afLimitBody(report));
    }
    count.used += 1;
    state.lastCallAt.set(rateKey, now.getTime());
  } else {
    const day = now.toISOString().slice(0, 10);
    const charged = chargeQuotas(state.quotas, [
      { key: `appsflyer:${day}:app:${app.id}`, limit: option(state, 'dailyQuotaPerApp', AF_DAILY_QUOTA_PER_APP) },
      {
        key: `appsflyer:${day}:account:${grant.account}`,
        limit: option(state, 'dailyQuotaPerAccount', AF_DAILY_QUOTA_PER_ACCOUNT),
      },
    ]);
    if (!charged) return sendText(res, AF_LIMIT_STATUS, afLimitBody(report));
  }

  const csv = afCsv(app, afReportRows(state.world.seed, app, from, to, now, retargeting), retargeting);
  if (fault === 'malformed') return sendText(res, 200, breakCsv(csv, state.requestCount), 'text/csv; charset=utf-8');
  sendText(res, 200, csv, 'text/csv; charset=utf-8');
}

/** A body that is CSV but breaks the contract: a count that is not a number, or a line cut short. */
function breakCsv(csv: string, requestNumber: number): string {
  const lines = csv.split('\n');
  if (lines.length < 2 || lines[1] === '') return 'Date,Installs\nnot-a-date,1\n';
  const fields = (lines[1] ?? '').split(',');
  lines[1] =
    requestNumber % 2 === 0
      ? fields.slice(0, 3).join(',')
      : fields.map((f, i) => (i === 0 ? 'yesterday' : f)).join(',');
  return lines.join('\n');
}
