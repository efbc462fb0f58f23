import { isDeepStrictEqual } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../../../src/connectors/errors';
import { ApiCallError } from '../../../src/connectors/http-client';
import { TrackerTaskFailed } from '../../../src/connectors/tracker';
import { addDays, dateInZone } from '../../../src/domain/dates';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { SANDBOX_TRACKERS } from '../../../src/sandbox/registry';
import { callSandbox, sandboxWorld, useSandbox } from '../../helpers/sandbox';
import {
  byKey,
  quotaCounts,
  sandboxSecrets,
  sandboxTrackerConnector,
  trackerApp,
  trackersConfig,
} from '../../helpers/trackers';

const APP = 'dalbitglobal';
const ZONE = 'America/New_York';
const world = sandboxWorld();
const baseOptions = { ratePerSecond: 50, burst: 10 };
// Polls start at 40 ms and double up to 160 ms; small pages so a pull reads several.
const fast = { pollFirstSeconds: 0.04, pollMaxSeconds: 0.16, taskTimeoutSeconds: 5, pageSize: 25 };
const config = trackersConfig('airbridge', fast);
const app = trackerApp(config, 'dalbit-global');
const truth = (from: string, to: string, now: Date) => SANDBOX_TRACKERS.airbridge.truth(world, APP, from, to, now, {});

describe('Airbridge connector against the sandbox', () => {
  const sandbox = useSandbox(world);
  beforeEach(() => {
    world.trackers!.airbridge!.options = { ...baseOptions };
  });
  const today = () => dateInZone(sandbox.state.now(), ZONE);
  const connector = (
    overrides: Partial<typeof fast> & { taskAttempts?: number; maxRangeDays?: number } = {},
    options: Parameters<typeof sandboxTrackerConnector>[3] = {},
  ) => sandboxTrackerConnector(sandbox, 'airbridge', trackersConfig('airbridge', { ...fast, ...overrides }), options);

  it("submits a task, reads every result page, and returns rows equal to the sandbox's ground truth", async () => {
    const range = { from: addDays(today(), -12), to: addDays(today(), -1) };
    const pulled = await connector().pull(app, range);
    const expected = truth(range.from, range.to, sandbox.state.now());
    expect(byKey(pulled.rows)).toEqual(byKey(expected));
    // 12 days × (3 Google campaigns + 1 Facebook + unattributed).
    expect(expected.length).toBe(60);
    // One submission, then pages of 25 until a short one.
    expect(pulled.exchanges.map((e) => [e.request.method, e.request.params.skip])).toEqual([
      ['POST', undefined],
      ['GET', '0'],
      ['GET', '25'],
      ['GET', '50'],
    ]);
    expect(pulled.rows.find((r) => r.campaignName === 'GL_Promo_05')?.campaignId).toBe('20043210005');
    expect(JSON.stringify(pulled.exchanges)).not.toContain(sandboxSecrets.AIRBRIDGE_API_TOKEN);
    expect(quotaCounts(sandbox)[`airbridge:app:${APP}`]?.refused).toBe(0);
  });

  it('splits a range longer than maxRangeDays into one task each', async () => {
    const range = { from: addDays(today(), -7), to: addDays(today(), -1) };
    const pulled = await connector({ maxRangeDays: 3 }).pull(app, range);
    expect(
      pulled.exchanges
        .filter((e) => e.request.method === 'POST')
        .map((e) => JSON.parse(e.request.params.body!) as { from: string; to: string })
        .map((b) => [b.from, b.to]),
    ).toEqual([
      [addDays(today(), -7), addDays(today(), -5)],
      [addDays(today(), -4), addDays(today(), -2)],
      [addDays(today(), -1), addDays(today(), -1)],
    ]);
    expect(byKey(pulled.rows)).toEqual(byKey(truth(range.from, range.to, sandbox.state.now())));
  });

  it('waits out a slow task with doubling polls and gets the exact rows', async () => {
    sandbox.state.faults = { ...NO_FAULTS, taskDurationMs: 1500 };
    const waits: string[] = [];
    const range = { from: addDays(today(), -3), to: addDays(today(), -1) };
    const pulled = await connector({}, { onWait: (m) => waits.push(m) }).pull(app, range);
    expect(byKey(pulled.rows)).toEqual(byKey(truth(range.from, range.to, sandbox.state.now())));
    const delays = waits.map((w) => Number(/in (\d+) ms/.exec(w)?.[1]));
    expect(delays.slice(0, 4)).toEqual([40, 80, 160, 160]);
    expect(waits.some((w) => w.includes('RUNNING'))).toBe(true);
  });

  it('gives up on a task still running at the deadline with TrackerTaskFailed TIMEOUT', async () => {
    sandbox.state.faults = { ...NO_FAULTS, taskDurationMs: 10_000 };
    const error = await connector({ taskTimeoutSeconds: 0.3 })
      .pull(app, { from: addDays(today(), -3), to: addDays(today(), -1) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerTaskFailed);
    expect(error).toMatchObject({ status: 'TIMEOUT', tracker: 'airbridge' });
  });

  it('submits again after a FAILURE (exact rows), and names the failure when every submission fails', async () => {
    // Fault seed 1 with a rate of one half: the first task fails, the second succeeds.
    sandbox.state.faults = { ...NO_FAULTS, taskFailureRate: 0.5, seed: 1 };
    const range = { from: addDays(today(), -3), to: addDays(today(), -1) };
    const pulled = await connector({ taskAttempts: 2 }).pull(app, range);
    expect(byKey(pulled.rows)).toEqual(byKey(truth(range.from, range.to, sandbox.state.now())));
    expect(sandbox.state.tasks.size).toBe(2);

    sandbox.state.reset();
    sandbox.state.faults = { ...NO_FAULTS, taskFailureRate: 1 };
    const error = await connector({ taskAttempts: 3 })
      .pull(app, range)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerTaskFailed);
    expect(error).toMatchObject({ status: 'FAILURE' });
    expect(sandbox.state.tasks.size).toBe(3);
  });

  it('a pull a day later changes exactly the rows the sandbox restated', async () => {
    const range = { from: addDays(today(), -10), to: addDays(today(), -2) };
    const before = byKey((await connector().pull(app, range)).rows);
    const truthBefore = byKey(truth(range.from, range.to, sandbox.state.now()));
    sandbox.state.clockOffsetMs += 86_400_000;
    const later = (await connector().pull(app, range)).rows;
    const truthAfter = byKey(truth(range.from, range.to, sandbox.state.now()));
    const changed = (a: Map<string, unknown>, b: Map<string, unknown>) =>
      [...b.keys()].filter((k) => !isDeepStrictEqual(a.get(k), b.get(k))).sort();
    expect(changed(before, byKey(later))).toEqual(changed(truthBefore, truthAfter));
    expect(changed(before, byKey(later)).length).toBeGreaterThan(0);
    expect(later.filter((r) => r.date === addDays(today(), -7)).every((r) => r.mature)).toBe(true);
    expect(later.filter((r) => r.date > addDays(today(), -7)).some((r) => r.mature)).toBe(false);
  });

  it('recovers from 429, 5xx and timeouts to the exact rows, and names what it cannot get past', async () => {
    const range = { from: addDays(today(), -4), to: addDays(today(), -1) };
    sandbox.state.faults = {
      ...NO_FAULTS,
      serverErrorRate: 0.3,
      rateLimitRate: 0.2,
      timeoutRate: 0.1,
      timeoutMs: 1500,
      seed: 2,
    };
    const pulled = await connector({}, { attempts: 10, timeoutMs: 600, maxInAttemptWaitMs: 500 }).pull(app, range);
    expect(byKey(pulled.rows)).toEqual(byKey(truth(range.from, range.to, sandbox.state.now())));
    const counters = sandbox.state.counters;
    expect(counters.get('airbridge:server_error')).toBeGreaterThan(0);
    expect(counters.get('airbridge:rate_limit')).toBeGreaterThan(0);

    const failureOf = async (faults: Partial<typeof NO_FAULTS>) => {
      sandbox.state.faults = { ...NO_FAULTS, ...faults };
      return connector({}, { attempts: 2, timeoutMs: 600 })
        .pull(app, range)
        .catch((e: unknown) => e);
    };
    expect(((await failureOf({ rateLimitRate: 1 })) as ApiCallError).failure.kind).toBe('rate_limited');
    expect(((await failureOf({ serverErrorRate: 1 })) as ApiCallError).failure.kind).toBe('transient');
    expect(((await failureOf({ timeoutRate: 1, timeoutMs: 1500 })) as ApiCallError).failure.message).toContain(
      'timeout',
    );
    expect(await failureOf({ malformedRate: 1 })).toBeInstanceOf(ResponseFormatError);
    expect(
      ((await failureOf({ expiredTokens: [sandboxSecrets.AIRBRIDGE_API_TOKEN!] })) as ApiCallError).failure.kind,
    ).toBe('auth');
  });

  it('the sandbox refuses queries past the documented limits with a problem document', async () => {
    const base = { from: addDays(today(), -3), to: addDays(today(), -1), filters: [], sorts: [] };
    const post = (body: unknown) =>
      callSandbox(
        new URL(`${sandbox.url}/airbridge/reports/api/v7/apps/${APP}/actuals/query`),
        {},
        { Authorization: `Bearer ${sandboxSecrets.AIRBRIDGE_API_TOKEN}` },
        { method: 'POST', body },
      );
    const eleven = [
      'event_date',
      'channel',
      'campaign',
      'campaign_id',
      'ad_group',
      'ad_creative',
      'os_name',
      'country',
      'channel',
      'campaign',
      'country',
    ];
    const tooMany = await post({ ...base, groupBys: eleven, metrics: ['app_installs'] });
    expect(tooMany.status).toBe(400);
    expect(JSON.parse(tooMany.text)).toMatchObject({ title: 'Bad Request', detail: 'groupBys: 1 to 10, got 11' });
    const metrics = Array(21).fill('app_installs');
    expect(JSON.parse((await post({ ...base, groupBys: ['event_date'], metrics })).text)).toMatchObject({
      detail: 'metrics: 1 to 20, got 21',
    });
    const long = await post({
      ...base,
      from: addDays(today(), -401),
      groupBys: ['event_date'],
      metrics: ['app_installs'],
    });
    expect(JSON.parse(long.text)).toMatchObject({ status: 400, detail: 'the period is at most 400 days' });
  });
});
