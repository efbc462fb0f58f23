import { stackDown } from '../../src/stack';
import { readStackState } from '../../src/stack/state';
import { runChaos, summaryLine } from './chaos';

/**
 * `npm run test:chaos`: a daily run over 40 accounts on all five platforms while the worker is SIGKILLed 5 times,
 * the database is down for 30 s, the Temporal dev server restarts twice on its SQLite file, and the sandbox injects
 * rate limits, 5xx, timeouts and a minute of 25 s latency. Ends with one summary line; exits 1 if a row was lost,
 * wrong or duplicated, or an account failed.
 */
async function main() {
  // Stop afterwards what this run started (like npm test), whatever state the chaos left it in.
  const before = readStackState();
  const figures = await runChaos({
    accounts: 40,
    kills: 5,
    dbOutageMs: 30_000,
    serverRestarts: 2,
    slowWindowMs: 60_000,
  });
  console.log(
    `accounts: ${figures.accounts}, rows expected: ${figures.rowsExpected}, rows wrong: ${figures.rowsWrong}, failed accounts: ${figures.failedAccounts}`,
  );
  console.log(summaryLine(figures));
  const clean =
    figures.rowsLost === 0 && figures.rowsWrong === 0 && figures.duplicateRows === 0 && figures.failedAccounts === 0;
  const after = readStackState();
  const started = (['temporal', 'mongo'] as const).filter((n) => !before[n] && after[n]);
  if (started.length > 0) await stackDown(started, () => undefined);
  process.exit(clean ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(`chaos run failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
