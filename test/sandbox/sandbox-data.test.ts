import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { NO_FAULTS, pickFault } from '../../src/sandbox/faults';
import { reportedDay } from '../../src/sandbox/generator';
import { metaAdSets, metaCampaignDay, metaCampaigns, metaDelivery } from '../../src/platforms/meta/sandbox/data';
import { metaTruth } from '../../src/sandbox/truth';
import type { SandboxWorld } from '../../src/sandbox/world';
import { NO_BUDGET_CHANGES } from '../../src/sandbox/state';

const account = {
  id: 'act_42',
  name: 'T',
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  campaigns: 40,
  medianDailySpend: 100000,
};
const world: SandboxWorld = { seed: 1, meta: { grants: [], accounts: [account] } };

describe('sandbox data', () => {
  it('is deterministic for a seed', () => {
    expect(metaCampaigns(1, account)).toEqual(metaCampaigns(1, account));
    expect(metaCampaigns(2, account)[0]?.spendScale).not.toBe(metaCampaigns(1, account)[0]?.spendScale);
  });

  it('has realistic spread: some campaigns convert far better than others', () => {
    const model = metaDelivery(1, account, NO_BUDGET_CHANGES);
    const days = metaCampaigns(1, account)
      .map((c) => metaCampaignDay(model, c, metaAdSets(1, account, c), '2026-11-01', new Date('2026-12-31'))?.day)
      .filter((d) => d !== undefined && d.clicks > 50);
    const cvr = days.map((d) => d!.conversions / d!.clicks).sort((a, b) => a - b);
    expect(cvr.length).toBeGreaterThan(10);
    expect(cvr[cvr.length - 1]! / Math.max(cvr[Math.floor(cvr.length / 2)]!, 1e-9)).toBeGreaterThan(2);
    for (const d of days) expect(d!.clicks).toBeLessThanOrEqual(d!.impressions);
  });

  it('restates recent days upward until the 28-day window closes', () => {
    const settled = {
      spendMicros: 1_000_000_000n,
      impressions: 100,
      clicks: 10,
      conversions: 20,
      conversionValueMicros: 20_000_000_000n,
    };
    const krw = { currency: 'KRW', timeZone: 'Asia/Seoul' };
    const rule = { windowDays: 28 };
    const early = reportedDay(settled, '2026-11-20', new Date('2026-11-21T03:00:00Z'), krw, rule);
    const later = reportedDay(settled, '2026-11-20', new Date('2026-12-01T03:00:00Z'), krw, rule);
    const final = reportedDay(settled, '2026-11-20', new Date('2026-12-18T03:00:00Z'), krw, rule);
    expect(early.conversions).toBeLessThan(later.conversions);
    expect(later.conversions).toBeLessThan(settled.conversions);
    expect(final).toEqual(settled);
    expect(early.spendMicros).toBe(settled.spendMicros);
    expect(early.conversionValueMicros % 1_000_000n).toBe(0n); // whole won
  });

  it('serves closed days only in the account zone', () => {
    const now = new Date('2026-11-22T05:00:00Z');
    const rows = metaTruth(world, 'act_42', '2026-11-20', '2026-11-22', now, NO_BUDGET_CHANGES);
    expect(new Set(rows.map((r) => r.date))).toEqual(new Set(['2026-11-20', '2026-11-21']));
    expect(rows.every((r) => r.spendMicros % 1_000_000n === 0n)).toBe(true); // KRW has no minor unit
    expect(
      metaTruth(world, 'act_42', addDays('2026-11-21', -40), '2026-11-21', now, NO_BUDGET_CHANGES).length,
    ).toBeGreaterThan(rows.length);
  });

  it('injects faults at the configured rates, deterministically', () => {
    const settings = { ...NO_FAULTS, rateLimitRate: 0.1, serverErrorRate: 0.05 };
    const picks = Array.from({ length: 10_000 }, (_, i) => pickFault(settings, i));
    const share = (k: string) => picks.filter((p) => p === k).length / picks.length;
    expect(share('rate_limit')).toBeGreaterThan(0.08);
    expect(share('rate_limit')).toBeLessThan(0.12);
    expect(share('server_error')).toBeGreaterThan(0.035);
    expect(pickFault(settings, 123)).toBe(pickFault(settings, 123));
    expect(pickFault(NO_FAULTS, 5)).toBeNull();
  });
});
