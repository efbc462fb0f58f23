import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../../../src/connectors/errors';
import { ApiCallError } from '../../../src/connectors/http-client';
import { InMemoryTrackerQuota, TrackerQuotaExhausted } from '../../../src/connectors/tracker';
import { addDays, dateInZone } from '../../../src/domain/dates';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { SANDBOX_TRACKERS } from '../../../src/sandbox/registry';
import { sandboxWorld, useSandbox } from '../../helpers/sandbox';
import {
  byKey,
  quotaCounts,
  sandboxSecrets,
  sandboxTrackerConnector,
  trackerApp,
  trackersConfig,
} from '../../helpers/trackers';

// A minute of AppsFlyer's short-range pacing is 400 ms here, on both sides; the daily quotas keep their real numbers.
const world = sandboxWorld();
world.trackers!.appsflyer!.options = { ...world.trackers!.appsflyer!.options, shortRangeIntervalMs: 400 };
const config = trackersConfig('appsflyer', { shortRangeIntervalSeconds: 0.4 });
const app = trackerApp(config, 'hanbit-beauty-aos');
const APP = 'com.hanbit.beauty';
const truth = SANDBOX_TRACKERS.appsflyer!.truth;

describe('AppsFlyer connector against the sandbox', () => {
  const sandbox = useSandbox(world);
  const today = () => dateInZone(sandbox.state.now(), 'Asia/Seoul');
  const connector = (options: Parameters<typeof sandboxTrackerConnector>[3] = {}) =>
    sandboxTrackerConnector(sandbox, 'appsflyer', config, options);

  it("pulls UA and retargeting rows equal to the sandbox's ground truth, in two calls of the daily quota", async () => {
    const range = { from: addDays(today(), -40), to: addDays(today(), -1) };
    const pulled = await connector().pull(app, range);
    const expected = truth(world, APP, range.from, range.to, sandbox.state.now(), {});
    expect(pulled.rows.length).toBe(expected.length);
    expect(byKey(pulled.rows)).toEqual(byKey(expected));
    // 40 days × (4 UA campaigns + organic + kakao + 2 Google + 1 retargeting), less empty days: hundreds of rows.
    expect(pulled.rows.length).toBeGreaterThan(300);
    expect(pulled.rows.some((r) => r.reEngagements > 0 && r.installs === 0)).toBe(true);
    expect(pulled.rows.filter((r) => r.mature).every((r) => r.date <= addDays(today(), -30))).toBe(true);
    expect(pulled.rows.filter((r) => !r.mature).every((r) => r.date > addDays(today(), -30))).toBe(true);
    const day = sandbox.state.now().toISOString().slice(0, 10);
    expect(quotaCounts(sandbox)).toEqual({
      [`appsflyer:${day}:app:${APP}`]: { limit: 24, used: 2, refused: 0 },
      [`appsflyer:${day}:account:hanbit`]: { limit: 120, used: 2, refused: 0 },
    });
    expect(JSON.stringify(pulled.exchanges)).not.toContain(sandboxSecrets.APPSFLYER_API_TOKEN);
    expect(pulled.exchanges.map((e) => e.request.params.reattr)).toEqual([undefined, 'true']);
  });

  it('a pull a day later changes exactly the rows whose cohorts grew, and marks the day that settled mature', async () => {
    // Install dates 33..25 days back: settled ones, one that settles overnight, and growing ones.
    const range = { from: addDays(today(), -33), to: addDays(today(), -25) };
    const before = byKey((await connector().pull(app, range)).rows);
    const truthBefore = byKey(truth(world, APP, range.from, range.to, sandbox.state.now(), {}));
    sandbox.state.clockOffsetMs += 86_400_000;
    const laterRows = (await connector().pull(app, range)).rows;
    const after = byKey(laterRows);
    const truthAfter = byKey(truth(world, APP, range.from, range.to, sandbox.state.now(), {}));
    const changed = (a: Map<string, unknown>, b: Map<string, unknown>) =>
      [...b.keys()].filter((k) => !isDeepStrictEqual(a.get(k), b.get(k))).sort();
    expect(changed(before, after)).toEqual(changed(truthBefore, truthAfter));
    expect(changed(before, after).length).toBeGreaterThan(0);
    // Days 30 or more back never change; the one that turned 30 is mature now.
    const settledKeys = [...after.keys()].filter(
      (k) => k.endsWith(addDays(range.from, 0)) || k.endsWith(addDays(range.from, 1)),
    );
    for (const key of settledKeys) expect(after.get(key)).toEqual(before.get(key));
    const settledToday = addDays(today(), -30);
    expect(laterRows.filter((r) => r.date === settledToday).every((r) => r.mature)).toBe(true);
    expect(laterRows.filter((r) => r.date > settledToday).some((r) => r.mature)).toBe(false);
  });

  it('never exceeds the daily quota: the connector refuses the call itself with a named error', async () => {
    const tight = trackersConfig('appsflyer', { shortRangeIntervalSeconds: 0.4, dailyQuotaPerApp: 3 });
    const quota = new InMemoryTrackerQuota();
    const c = sandboxTrackerConnector(sandbox, 'appsflyer', tight, { quota });
    const range = { from: addDays(today(), -10), to: addDays(today(), -1) };
    await c.pull(app, range);
    const midnight = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    const before = sandbox.state.now();
    const error = await c.pull(app, range).catch((e: unknown) => e);
    const now = sandbox.state.now();
    expect(error).toBeInstanceOf(TrackerQuotaExhausted);
    expect((error as TrackerQuotaExhausted).quotaKey).toContain(`appsflyer:app:${APP} (3/day)`);
    expect((error as TrackerQuotaExhausted).retryAfterMs).toBeGreaterThanOrEqual(midnight(now) - now.getTime());
    expect((error as TrackerQuotaExhausted).retryAfterMs).toBeLessThanOrEqual(midnight(before) - before.getTime());
    const day = now.toISOString().slice(0, 10);
    expect(quotaCounts(sandbox)[`appsflyer:${day}:app:${APP}`]).toEqual({ limit: 24, used: 3, refused: 0 });
    expect(quota.count(`appsflyer:app:${APP}`, now)).toBe(3);
  });

  it('paces short ranges to one call per interval per app and report, so the sandbox refuses none', async () => {
    const c = connector();
    const started = Date.now();
    for (let back = 6; back >= 2; back -= 2) {
      await c.pull(app, { from: addDays(today(), -back), to: addDays(today(), -back + 1) });
    }
    const elapsed = Date.now() - started;
    const counts = quotaCounts(sandbox);
    expect(counts[`appsflyer:minute:${APP}:partners_by_date_report`]).toEqual({ limit: 1, used: 3, refused: 0 });
    expect(counts[`appsflyer:minute:${APP}:partners_by_date_report:reattr`]).toEqual({ limit: 1, used: 3, refused: 0 });
    // Three calls per report: two intervals of 0.4 s (plus the connector's margin of 5% and 250 ms) at the least.
    expect(elapsed).toBeGreaterThanOrEqual(2 * (400 * 1.05 + 250));
  });

  it('turns a refused call into a rate limit that waits the short interval, or until 00:00 UTC for long ranges', async () => {
    sandbox.state.faults = { ...NO_FAULTS, rateLimitRate: 1 };
    const short = await connector()
      .pull(app, { from: addDays(today(), -2), to: addDays(today(), -1) })
      .catch((e: unknown) => e);
    expect(short).toBeInstanceOf(ApiCallError);
    expect((short as ApiCallError).failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: 400 });
    const long = await connector()
      .pull(app, { from: addDays(today(), -9), to: addDays(today(), -1) })
      .catch((e: unknown) => e);
    expect((long as ApiCallError).failure.kind).toBe('rate_limited');
    expect((long as ApiCallError).failure.retryAfterMs).toBeGreaterThan(400);
  });

  it('retries 5xx and timeouts inside the attempt and still returns the exact rows', async () => {
    sandbox.state.faults = { ...NO_FAULTS, serverErrorRate: 0.3, timeoutRate: 0.2, timeoutMs: 1500, seed: 7 };
    const range = { from: addDays(today(), -9), to: addDays(today(), -1) };
    const pulled = await connector({ attempts: 8, timeoutMs: 600 }).pull(app, range);
    expect(byKey(pulled.rows)).toEqual(byKey(truth(world, APP, range.from, range.to, sandbox.state.now(), {})));
    const faults = sandbox.state.counters;
    expect(faults.get('appsflyer:server_error')).toBeGreaterThan(0);
    expect(faults.get('appsflyer:timeout')).toBeGreaterThan(0);
  });

  it('ends in a named error when faults outlast the attempts: 5xx, timeout, malformed body, expired token', async () => {
    const range = { from: addDays(today(), -9), to: addDays(today(), -1) };
    const failureOf = async (faults: Partial<typeof NO_FAULTS>, env?: NodeJS.ProcessEnv) => {
      sandbox.state.faults = { ...NO_FAULTS, ...faults };
      return connector({ attempts: 2, timeoutMs: 600, env })
        .pull(app, range)
        .catch((e: unknown) => e);
    };
    expect(((await failureOf({ serverErrorRate: 1 })) as ApiCallError).failure.kind).toBe('transient');
    const timedOut = (await failureOf({ timeoutRate: 1, timeoutMs: 1500 })) as ApiCallError;
    expect(timedOut.failure).toMatchObject({ kind: 'transient', message: expect.stringContaining('timeout') });
    expect(await failureOf({ malformedRate: 1 })).toBeInstanceOf(ResponseFormatError);
    const token = sandboxSecrets.APPSFLYER_API_TOKEN!;
    expect(((await failureOf({ expiredTokens: [token] })) as ApiCallError).failure.kind).toBe('auth');
  });
});
