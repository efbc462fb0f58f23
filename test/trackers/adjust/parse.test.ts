import { describe, expect, it } from 'vitest';
import type { TrackerParseContext } from '../../../src/connectors/tracker';
import { classifyAdjustError } from '../../../src/trackers/adjust/errors';
import { parseAdjustReport } from '../../../src/trackers/adjust/parse';
import { utcOffsetOn, utcOffsetRuns } from '../../../src/trackers/adjust/utc-offset';
import { fieldOf } from '../../helpers/format-errors';

const ctx: TrackerParseContext = {
  app: 'eats',
  appId: 'abcdefabcdef',
  advertiserId: 'dalbit',
  currency: 'USD',
  timeZone: 'America/New_York',
  range: { from: '2026-11-01', to: '2026-11-02' },
  isMature: () => false,
};

const row = (overrides: Record<string, unknown> = {}) => ({
  day: '2026-11-01',
  partner_name: 'Facebook',
  campaign_network: 'Spring',
  campaign_id_network: '120001',
  currency: 'USD',
  installs: '64',
  reattributions: '3',
  events: '20',
  all_revenue: '1000.5',
  cost: '250',
  purchase_events: '7',
  sign_up_events: '0',
  ...overrides,
});

describe('Adjust report JSON', () => {
  it('reads rows of strings: ids, unknown campaigns, events by slug, exact money and half-up rounding past micros', () => {
    const rows = parseAdjustReport(
      {
        rows: [
          row(),
          row({
            day: '2026-11-02',
            partner_name: 'Organic',
            campaign_network: 'unknown',
            campaign_id_network: 'unknown',
            all_revenue: '0.1234565',
            cost: '0.0',
            purchase_events: '0',
          }),
          row({
            day: '2026-11-02',
            partner_name: 'Organic',
            campaign_network: 'unknown',
            campaign_id_network: 'unknown',
            installs: '1',
            all_revenue: '0.0000004',
            cost: '0',
            reattributions: '0',
            events: '0',
            purchase_events: '0',
          }),
        ],
        totals: { installs: 129 },
        warnings: [],
      },
      ctx,
      ['purchase', 'sign_up'],
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
        r.eventCounts,
        r.revenueMicros,
        r.costMicros,
        r.dateBasis,
      ]),
    ).toEqual([
      [
        'Facebook',
        '120001',
        'Spring',
        '2026-11-01',
        64,
        3,
        20,
        [{ name: 'purchase', count: 7 }],
        1_000_500_000n,
        250_000_000n,
        'activity',
      ],
      // Two Organic lines of one day are one row: 0.1234565 rounds up to 123,457 micros, 0.0000004 down to 0.
      ['Organic', null, 'unknown', '2026-11-02', 65, 3, 20, [], 123_457n, 0n, 'activity'],
    ]);
  });

  it('treats a 204 (no body) as no rows', () => {
    expect(parseAdjustReport(null, ctx, [])).toEqual([]);
  });

  it('names what is wrong with a bad body', () => {
    const parse = (body: unknown) => () => parseAdjustReport(body, ctx, ['purchase']);
    expect(fieldOf(parse([]))).toBe('(body)');
    expect(fieldOf(parse({ totals: {} }))).toBe('rows');
    expect(fieldOf(parse({ rows: [row({ currency: 'KRW' })] }))).toBe('rows[0].currency');
    expect(fieldOf(parse({ rows: [row({ day: '2026-10-31' })] }))).toBe('rows[0].day');
    expect(fieldOf(parse({ rows: [row({ installs: 'n/a' })] }))).toBe('rows[0].installs');
    expect(fieldOf(parse({ rows: [row({ cost: '-1' })] }))).toBe('rows[0].cost');
    expect(fieldOf(parse({ rows: [row({ purchase_events: undefined })] }))).toBe('rows[0].purchase_events');
    expect(fieldOf(parse({ rows: [row({ partner_name: 7 })] }))).toBe('rows[0].partner_name');
    expect(fieldOf(parse({ rows: [row()] }))).toBeUndefined();
  });

  it('classifies statuses; a 429 takes a Retry-After when there is one', () => {
    expect(classifyAdjustError(429, '{"error":"Too Many Requests"}', {})).toEqual({
      kind: 'rate_limited',
      message: 'Too Many Requests (HTTP 429)',
    });
    expect(classifyAdjustError(429, '', { 'retry-after': '3' })).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 3000,
    });
    expect(classifyAdjustError(401, '{"error":"bad token"}', {}).kind).toBe('auth');
    expect(classifyAdjustError(403, '', {}).kind).toBe('permission');
    expect(classifyAdjustError(400, '{"detail":"unknown metric"}', {})).toEqual({
      kind: 'bad_request',
      message: 'unknown metric (HTTP 400)',
    });
    expect(classifyAdjustError(504, '', {}).kind).toBe('transient');
  });

  it('splits a range at a daylight-saving change into runs of one UTC offset', () => {
    // US clocks went back on Sunday 2026-11-01.
    expect(utcOffsetRuns({ from: '2026-10-30', to: '2026-11-03' }, 'America/New_York')).toEqual([
      { from: '2026-10-30', to: '2026-10-31', utcOffset: '-04:00' },
      { from: '2026-11-01', to: '2026-11-03', utcOffset: '-05:00' },
    ]);
    expect(utcOffsetRuns({ from: '2026-10-30', to: '2026-11-03' }, 'Asia/Seoul')).toEqual([
      { from: '2026-10-30', to: '2026-11-03', utcOffset: '+09:00' },
    ]);
    expect(utcOffsetOn('2026-11-01', 'UTC')).toBe('+00:00');
  });
});
