import { describe, expect, it } from 'vitest';
import type { TrackerParseContext } from '../../../src/connectors/tracker';
import { classifyAirbridgeError } from '../../../src/trackers/airbridge/errors';
import { parseAirbridgeRows, parseAirbridgeTask } from '../../../src/trackers/airbridge/parse';
import { airbridgeQueryBody } from '../../../src/trackers/airbridge/wire';
import { fieldOf } from '../../helpers/format-errors';

const ctx: TrackerParseContext = {
  app: 'global',
  appId: 'dalbitglobal',
  advertiserId: 'dalbit',
  currency: 'USD',
  timeZone: 'America/New_York',
  range: { from: '2026-11-01', to: '2026-11-02' },
  isMature: (date) => date === '2026-11-01',
};

const row = (groupBys: unknown[], values: Record<string, unknown>) => ({
  groupBys,
  values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])),
});
const page = (...rows: unknown[]) => ({ task: { taskId: 't1', status: 'SUCCESS' }, actuals: { data: { rows } } });

describe('Airbridge actuals', () => {
  it('reads the task of a submission and of each poll', () => {
    expect(parseAirbridgeTask({ task: { taskId: 'abc', status: 'RUNNING' } })).toEqual({
      taskId: 'abc',
      status: 'RUNNING',
    });
    expect(fieldOf(() => parseAirbridgeTask({}))).toBe('task');
    expect(fieldOf(() => parseAirbridgeTask({ task: { status: 'PENDING' } }))).toBe('task.taskId');
    expect(fieldOf(() => parseAirbridgeTask({ task: { taskId: 'a', status: 'DONE' } }))).toBe('task.status');
  });

  it('reads result rows positionally: ids where given, money in major units exactly, missing cost as null', () => {
    const rows = parseAirbridgeRows(
      page(
        row(['2026-11-01', 'google.adwords', '20043210005', 'GL_Promo_05'], {
          app_installs: 12,
          app_deeplink_opens: 3,
          app_events: 40,
          app_revenue: 1234.56,
          cost_channel: 99.9,
        }),
        row(['2026-11-02', 'unattributed', '', ''], {
          app_installs: 5,
          app_deeplink_opens: null,
          app_events: 9,
          app_revenue: '0.5',
          cost_channel: null,
        }),
      ),
      ctx,
    );
    expect(
      rows.map((r) => [
        r.mediaSource,
        r.campaignId,
        r.campaignName,
        r.date,
        r.installs,
        r.reEngagements,
        r.events,
        r.revenueMicros,
        r.costMicros,
        r.mature,
        r.currency,
      ]),
    ).toEqual([
      [
        'google.adwords',
        '20043210005',
        'GL_Promo_05',
        '2026-11-01',
        12,
        3,
        40,
        1_234_560_000n,
        99_900_000n,
        true,
        'USD',
      ],
      ['unattributed', null, '', '2026-11-02', 5, 0, 9, 500_000n, null, false, 'USD'],
    ]);
  });

  it('names what is wrong with a bad page', () => {
    const good = ['2026-11-01', 'google.adwords', '', 'c'];
    const parse = (body: unknown) => () => parseAirbridgeRows(body, ctx);
    expect(fieldOf(parse({ task: { taskId: 't', status: 'SUCCESS' } }))).toBe('actuals.data.rows');
    expect(fieldOf(parse(page({ groupBys: good })))).toBe('actuals.data.rows[0]');
    expect(fieldOf(parse(page(row(['2026-11-01', 'g', 'c'], {}))))).toBe('actuals.data.rows[0].groupBys');
    expect(fieldOf(parse(page(row(['2026-10-31', 'g', '', 'c'], {}))))).toBe('actuals.data.rows[0].groupBys[0]');
    expect(fieldOf(parse(page(row(['2026-11-01', '', '', 'c'], {}))))).toBe('actuals.data.rows[0].groupBys[1]');
    expect(fieldOf(parse(page(row(good, { app_installs: 1.5 }))))).toBe('actuals.data.rows[0].values.app_installs');
    expect(fieldOf(parse(page(row(good, { app_revenue: -1 }))))).toBe('actuals.data.rows[0].values.app_revenue');
    expect(fieldOf(parse(page(row(good, { cost_channel: 'n/a' }))))).toBe('actuals.data.rows[0].values.cost_channel');
    expect(fieldOf(parse(page(row(good, {}))))).toBeUndefined();
  });

  it('asks within the documented limits: at most 10 group-bys and 20 metrics', () => {
    const body = airbridgeQueryBody({ from: '2026-11-01', to: '2026-11-02' });
    expect(body.groupBys.length).toBeLessThanOrEqual(10);
    expect(body.metrics.length).toBeLessThanOrEqual(20);
    expect(body.groupBys[0]).toBe('event_date');
  });

  it('classifies problem documents', () => {
    const doc = (status: number, title: string, detail?: string) =>
      JSON.stringify({ type: 'about:blank', title, status, detail, traceId: '1-2-3' });
    expect(classifyAirbridgeError(429, doc(429, 'Too Many Requests'), {})).toEqual({
      kind: 'rate_limited',
      message: 'Too Many Requests (HTTP 429)',
      traceId: '1-2-3',
    });
    expect(classifyAirbridgeError(400, doc(400, 'Bad Request', 'metrics: 1 to 20, got 21'), {})).toMatchObject({
      kind: 'bad_request',
      message: 'metrics: 1 to 20, got 21 (HTTP 400)',
    });
    expect(classifyAirbridgeError(401, doc(401, 'Unauthorized'), {}).kind).toBe('auth');
    expect(classifyAirbridgeError(404, doc(404, 'Not Found'), {}).kind).toBe('not_found');
    expect(classifyAirbridgeError(503, 'gateway', {}).kind).toBe('transient');
  });
});
