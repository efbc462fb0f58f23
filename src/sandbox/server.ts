import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIsoDate } from '../domain/dates';
import { NO_FAULTS, pickFault, type FaultSettings } from './faults';
import { readBody, sendJson, sleep } from './http-util';
import { isPlatform, PLATFORMS } from '../domain/platforms';
import { isTracker, TRACKERS } from '../domain/trackers';
import { SANDBOX_PLATFORMS, SANDBOX_TRACKERS } from './registry';
import { SandboxState } from './state';
import { currentBudgets, hiddenCurves } from './response-curves';
import { platformTruth } from './truth';
import type { SandboxWorld } from './world';

export interface RunningSandbox {
  url: string;
  state: SandboxState;
  close(): Promise<void>;
}

/**
 * The local stand-in for the ad platforms. Each platform lives under its own prefix (`/meta/v23.0/...`), so
 * ADOPS_META_BASE_URL=http://127.0.0.1:PORT/meta points the unchanged connector at it. `/_sandbox/*` is the
 * control plane for tests and the demo: faults, clock, ground truth, mutation log, and the hidden
 * budget response (GET /_sandbox/curves/<platform>/<account>, GET /_sandbox/budgets/<platform>/<account>).
 * Trackers live beside them (`/appsflyer/api/agg-data/...`, ADOPS_APPSFLYER_BASE_URL=http://127.0.0.1:PORT/appsflyer);
 * their truth is GET /_sandbox/truth/<tracker>/<app>?from&to[&query] and their quota counts GET /_sandbox/quotas.
 */
export async function startSandbox(world: SandboxWorld, options: { port?: number; host?: string } = {}) {
  const state = new SandboxState(world);
  const handlers = new Map(PLATFORMS.map((p) => [p, SANDBOX_PLATFORMS[p].createHandler(state)]));
  const trackerHandlers = new Map(TRACKERS.map((t) => [t, SANDBOX_TRACKERS[t].createHandler(state)]));

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `sandbox bug: ${(err as Error).message}` } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'sandbox.local'}`);
    const [prefix, ...segments] = url.pathname.split('/').filter(Boolean);
    if (prefix === '_sandbox') return control(req, res, url, segments);
    state.requestCount += 1;
    state.requestLog.push(describeRequest(req.method, url));
    const fault = pickFault(state.faults, state.requestCount);
    state.count(`${prefix}:${fault ?? 'ok'}`);
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
    if (fault === 'timeout') {
      await sleep(state.faults.timeoutMs);
      res.destroy();
      return;
    }
    const handler = isPlatform(prefix)
      ? handlers.get(prefix)
      : isTracker(prefix)
        ? trackerHandlers.get(prefix)
        : undefined;
    if (handler) return handler(req, res, url, segments, fault);
    sendJson(res, 404, { error: `unknown platform prefix /${prefix ?? ''}` });
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL, segments: string[]) {
    const [what, platform, accountId] = segments;
    if (what === 'health') {
      const trackers = [...trackerHandlers.keys()];
      return sendJson(res, 200, { ok: true, platforms: PLATFORMS, trackers, now: state.now().toISOString() });
    }
    if (what === 'faults' && req.method === 'PUT') {
      const patch = JSON.parse((await readBody(req)) || '{}') as Partial<FaultSettings>;
      state.faults = { ...NO_FAULTS, ...patch };
      return sendJson(res, 200, state.faults);
    }
    if (what === 'faults') return sendJson(res, 200, state.faults);
    if (what === 'clock' && req.method === 'PUT') {
      const body = JSON.parse((await readBody(req)) || '{}') as { offsetDays?: number; now?: string };
      state.clockOffsetMs = body.now ? Date.parse(body.now) - Date.now() : (body.offsetDays ?? 0) * 86_400_000;
      return sendJson(res, 200, { now: state.now().toISOString() });
    }
    if (what === 'reset' && req.method === 'POST') {
      state.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (what === 'mutations') return sendJson(res, 200, { mutations: state.mutations });
    // Tracker quotas by key: what each accepted and refused since the last reset (tests assert nothing was refused).
    if (what === 'quotas') return sendJson(res, 200, { quotas: Object.fromEntries(state.quotas) });
    if (what === 'truth' && isTracker(platform) && accountId) {
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      if (!isIsoDate(from) || !isIsoDate(to)) return sendJson(res, 400, { error: 'from and to must be YYYY-MM-DD' });
      const module = SANDBOX_TRACKERS[platform];
      const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'from' && k !== 'to'));
      return sendJson(res, 200, { rows: module.truth(world, accountId, from, to, state.now(), query) });
    }
    if (what === 'stats')
      return sendJson(res, 200, { requests: state.requestCount, counters: Object.fromEntries(state.counters) });
    if (what === 'truth' && isPlatform(platform) && accountId) {
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      if (!isIsoDate(from) || !isIsoDate(to)) return sendJson(res, 400, { error: 'from and to must be YYYY-MM-DD' });
      const rows = platformTruth(world, platform, accountId, from, to, state.now(), state.mutations);
      return sendJson(res, 200, { rows });
    }
    // Hidden response curves and current budgets: for tests and simulations, never served by a platform API.
    if ((what === 'curves' || what === 'budgets') && isPlatform(platform) && accountId) {
      if (!world[platform]?.accounts.some((a) => a.id === accountId)) {
        return sendJson(res, 404, { error: `sandbox world has no ${platform} account ${accountId}` });
      }
      if (what === 'curves') return sendJson(res, 200, { curves: hiddenCurves(world, platform, accountId) });
      return sendJson(res, 200, { budgets: currentBudgets(world, platform, accountId, state.mutations) });
    }
    sendJson(res, 404, { error: `unknown control path ${url.pathname}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const running: RunningSandbox = {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return running;
}

/** The base URL a connector should use for a platform on this sandbox. */
export function sandboxBaseUrl(sandboxUrl: string, platform: string): string {
  return `${sandboxUrl}/${platform}`;
}

/** `GET /meta/v23.0/act_1/insights?after=…&level=adset`, without credentials, parameters sorted. */
function describeRequest(method: string | undefined, url: URL): string {
  const params = [...url.searchParams.entries()]
    .filter(([key]) => key !== 'access_token')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return `${method ?? 'GET'} ${url.pathname}${params ? `?${params}` : ''}`;
}
