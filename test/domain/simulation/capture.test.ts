import { describe, expect, it } from 'vitest';
import { captureShare, simulationRows } from '../../../src/domain/simulation/capture';

describe("the share of the oracle's gain", () => {
  it('is the engine gain over the control divided by the oracle gain over the control', () => {
    expect(captureShare(150n, 100n, 200n)).toBe(0.5);
    expect(captureShare(200n, 100n, 200n)).toBe(1);
    // Worse than changing nothing is a negative share.
    expect(captureShare(90n, 100n, 200n)).toBe(-0.1);
  });

  it('is undefined when the oracle gained nothing over the control', () => {
    expect(captureShare(120n, 100n, 100n)).toBeNull();
    expect(captureShare(120n, 100n, 90n)).toBeNull();
  });

  it('adds the days up in date order, with each day’s own share and the share to date', () => {
    const rows = simulationRows([
      { date: '2026-11-02', engine: 100n, control: 100n, oracle: 140n },
      { date: '2026-11-01', engine: 110n, control: 100n, oracle: 120n },
    ]);
    expect(rows.map((r) => r.date)).toEqual(['2026-11-01', '2026-11-02']);
    expect(rows[0]).toMatchObject({ capture: 0.5, cumulative: { engine: 110n, control: 100n, oracle: 120n } });
    expect(rows[0]?.cumulative.capture).toBe(0.5);
    // Day 2 alone captured nothing; to date (210 − 200) / (260 − 200) = 1/6.
    expect(rows[1]).toMatchObject({ capture: 0, cumulative: { engine: 210n, control: 200n, oracle: 260n } });
    expect(rows[1]?.cumulative.capture).toBeCloseTo(1 / 6, 12);
  });
});
