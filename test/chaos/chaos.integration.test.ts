import { describe, expect, it } from 'vitest';
import { runChaos, summaryLine } from './chaos';

/** The short chaos run inside `npm test`; `npm run test:chaos` is the full one. */
describe('chaos, short', () => {
  it('a daily run over 10 accounts survives a worker kill, a 5 s database outage and a server restart, exactly', async () => {
    const figures = await runChaos({
      accounts: 10,
      kills: 1,
      dbOutageMs: 5_000,
      serverRestarts: 1,
      slowWindowMs: 0,
      log: () => undefined,
    });
    console.log(summaryLine(figures));
    expect(figures.kills).toBe(1);
    expect(figures.dbOutages).toBe(1);
    expect(figures.serverRestarts).toBe(1);
    expect(figures.faultsInjected).toBeGreaterThan(0);
    expect(figures.rowsExpected).toBeGreaterThan(0);
    expect(figures).toMatchObject({ rowsLost: 0, rowsWrong: 0, duplicateRows: 0, failedAccounts: 0 });
  }, 900_000);
});
