import { isDeepStrictEqual } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../../../src/connectors/errors';
import { ApiCallError } from '../../../src/connectors/http-client';
import { RequestPacer } from '../../../src/connectors/rate-limiter';
import { createTrackerConnector } from '../../../src/connectors/tracker-registry';
import { InMemoryTrackerQuota } from '../../../src/connectors/tracker';
import { addDays, dateInZone } from '../../../src/domain/dates';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { SANDBOX_TRACKERS } from '../../../src/sandbox/registry';
import { startSandbox } from '../../../src/sandbox/server';
import type { SandboxWorld } from '../../../src/sandbox/world';
import { sandboxWorld, useSandbox } from '../../helpers/sandbox';
import {
  byKey,
  quotaCounts,
  sandboxSecrets,
  sandboxTrackerConnector,
  trackerApp,
  trackersConfig,
} from '../../helpers/trackers';

const APP = 'd4lb1te4ts00';
const world = sandboxWorld();
// A rate the tests can reach: 20 requests a second per IP, a burst of 3 (Adjust's own is 50/s, burst 100).
world.trackers!.adjust!.options = { ratePerSecond: 20, burst: 3 };
const config = trackersConfig('adjust', { minRateLimitBackoffSeconds: 0.1 });
const app = trackerApp(config, 'dalbit-eats');
const truth = (w: SandboxWorld, from: string, to: string, now: Date) =>
  SANDBOX_TRACKERS.adjust!.truth(w, APP, from, to, now, { attribution_types: 'click,impression' });

describe('Adjust connector against the sandbox', () => {
  const sandbox = useSandbox(world);
  beforeEach(() => {
    world.trackers!.adjust!.options = { ratePerSecond: 20, burst: 3 };
  });
  const today = () => dateInZone(sandbox.state.now(), 'Asia/Seoul');
  const connector = (options: Parameters<typeof sandboxTrackerConnector>[3] = {}) =>
    sandboxTrackerConnector(sandbox, 'adjust', config, options);

  it("pulls rows equal to the sandbox's ground truth, ids where the network has them, in one request", async () => {
    const range = { from: addDays(today(), -20), to: addDays(today(), -1) };
    const pulled = await connector().pull(app, range);
    expect(byKey(pulled.rows)).toEqual(byKey(truth(world, range.from, range.to, sandbox.state.now())));
    expect(pulled.rows.length).toBeGreaterThan(80);
    expect(new Set(pulled.rows.map((r) => r.campaignId))).toEqual(
      new Set(['120500600700000001', '120500600700000002', '120500600700000005', null]),
    );
    expect(pulled.exchanges.map((e) => e.request.params.utc_offset)).toEqual(['+09:00']);
    expect(
      pulled.rows
        .filter((r) => r.mature)
        .map((r) => r.date)
        .every((d) => d <= addDays(today(), -7)),
    ).toBe(true);
    expect(JSON.stringify(pulled.exchanges)).not.toContain(sandboxSecrets.ADJUST_API_TOKEN);
  });

  it('asks Adjust in runs of one UTC offset across a daylight-saving change, and still matches the truth', async () => {
    const ny: SandboxWorld = structuredClone(world);
    ny.trackers!.adjust!.apps[0]!.timeZone = 'America/New_York';
    const nySandbox = await startSandbox(ny);
    try {
      const nyApp = { ...app, timeZone: 'America/New_York' };
      const pulled = await sandboxTrackerConnector(nySandbox, 'adjust', config).pull(nyApp, {
        from: '2026-10-30',
        to: '2026-11-03',
      });
      expect(pulled.exchanges.map((e) => [e.request.params.date_period, e.request.params.utc_offset])).toEqual([
        ['2026-10-30:2026-10-31', '-04:00'],
        ['2026-11-01:2026-11-03', '-05:00'],
      ]);
      expect(byKey(pulled.rows)).toEqual(byKey(truth(ny, '2026-10-30', '2026-11-03', nySandbox.state.now())));
    } finally {
      await nySandbox.close();
    }
  });

  it('a pull a day later changes exactly the rows the sandbox restated', async () => {
    const range = { from: addDays(today(), -10), to: addDays(today(), -2) };
    const before = byKey((await connector().pull(app, range)).rows);
    const truthBefore = byKey(truth(world, range.from, range.to, sandbox.state.now()));
    sandbox.state.clockOffsetMs += 86_400_000;
    const later = (await connector().pull(app, range)).rows;
    const truthAfter = byKey(truth(world, range.from, range.to, sandbox.state.now()));
    const changed = (a: Map<string, unknown>, b: Map<string, unknown>) =>
      [...b.keys()].filter((k) => !isDeepStrictEqual(a.get(k), b.get(k))).sort();
    expect(changed(before, byKey(later))).toEqual(changed(truthBefore, truthAfter));
    expect(changed(before, byKey(later)).length).toBeGreaterThan(0);
    // The day that turned 7 days old overnight is mature now, the younger ones are not.
    expect(later.filter((r) => r.date === addDays(today(), -7)).every((r) => r.mature)).toBe(true);
    expect(later.filter((r) => r.date > addDays(today(), -7)).some((r) => r.mature)).toBe(false);
  });

  it('paced below the per-IP rate it is never refused', async () => {
    const paced = createTrackerConnector({
      tracker: 'adjust',
      config,
      policy: { pacer: new RequestPacer(15), timeoutMs: 2000, attempts: 1, maxInAttemptWaitMs: 50, minBackoffMs: 10 },
      quota: new InMemoryTrackerQuota(),
      env: { ...sandboxSecrets, ADOPS_ADJUST_BASE_URL: `${sandbox.url}/adjust` },
      now: () => sandbox.state.now(),
    });
    for (let i = 0; i < 8; i += 1)
      await paced.pull(app, { from: addDays(today(), -2 - i), to: addDays(today(), -2 - i) });
    expect(Object.values(quotaCounts(sandbox))).toEqual([{ limit: 20, used: 8, refused: 0 }]);
  });

  it('past the rate a 429 is waited out inside the attempt (exact rows), or ends as a rate limit', async () => {
    const days = [...Array(8).keys()].map((i) => addDays(today(), -2 - i));
    const patient = connector({ attempts: 6, maxInAttemptWaitMs: 1000 });
    const pulled = await Promise.all(days.map((d) => patient.pull(app, { from: d, to: d })));
    for (const [i, d] of days.entries())
      expect(byKey(pulled[i]!.rows)).toEqual(byKey(truth(world, d, d, sandbox.state.now())));
    const counts = Object.values(quotaCounts(sandbox))[0]!;
    expect(counts.refused).toBeGreaterThan(0);
    expect(counts.used).toBe(8);

    // One token a second: eight calls at once cannot all pass, however slow the machine.
    world.trackers!.adjust!.options = { ratePerSecond: 1, burst: 3 };
    const impatient = connector({ attempts: 1 });
    const errors = await Promise.all(
      days.map((d) =>
        impatient.pull(app, { from: d, to: d }).then(
          () => null,
          (e: unknown) => e,
        ),
      ),
    );
    const limited = errors.filter((e) => e instanceof ApiCallError && e.failure.kind === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(errors.every((e) => e === null || limited.includes(e))).toBe(true);
  });

  it('retries 5xx and timeouts to the exact rows, and names what it cannot get past', async () => {
    const range = { from: addDays(today(), -5), to: addDays(today(), -1) };
    sandbox.state.faults = { ...NO_FAULTS, serverErrorRate: 0.4, timeoutRate: 0.2, timeoutMs: 1500, seed: 1 };
    const pulled = await connector({ attempts: 10, timeoutMs: 600 }).pull(app, range);
    expect(byKey(pulled.rows)).toEqual(byKey(truth(world, range.from, range.to, sandbox.state.now())));
    expect(sandbox.state.counters.get('adjust:server_error')).toBeGreaterThan(0);
    expect(sandbox.state.counters.get('adjust:timeout')).toBeGreaterThan(0);

    const failureOf = async (faults: Partial<typeof NO_FAULTS>) => {
      sandbox.state.faults = { ...NO_FAULTS, ...faults };
      return connector({ attempts: 2, timeoutMs: 600 })
        .pull(app, range)
        .catch((e: unknown) => e);
    };
    expect(((await failureOf({ serverErrorRate: 1 })) as ApiCallError).failure.kind).toBe('transient');
    expect(((await failureOf({ timeoutRate: 1, timeoutMs: 1500 })) as ApiCallError).failure.message).toContain(
      'timeout',
    );
    expect(await failureOf({ malformedRate: 1 })).toBeInstanceOf(ResponseFormatError);
    expect(
      ((await failureOf({ expiredTokens: [sandboxSecrets.ADJUST_API_TOKEN!] })) as ApiCallError).failure.kind,
    ).toBe('auth');
  });

  it('reads an empty report (204) as no rows', async () => {
    const future = { from: addDays(today(), 1), to: addDays(today(), 1) };
    const pulled = await connector().pull(app, future);
    expect(pulled.rows).toEqual([]);
    expect(pulled.exchanges.map((e) => [e.status, e.body])).toEqual([[204, '']]);
  });
});
