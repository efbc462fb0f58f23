import type { Command } from 'commander';
import type { Db } from 'mongodb';
import { loadConfig, type EngineConfig } from '../config/load';
import { datesInRange, daysBetween, isIsoDate, type IsoDate } from '../domain/dates';
import { stackEnvironment, stackUp } from '../stack';
import { readStackState } from '../stack/state';
import {
  datesWithRows,
  markRollupsComplete,
  rebuildRollups,
  rollupsComplete,
  type RollupBuild,
} from '../storage/metrics-rollup';
import { connectDatabase, ensureIndexes } from '../storage/mongo';

export type RollupScope = { kind: 'all' } | { kind: 'range'; dates: IsoDate[] };

/** A typo in a year should not start a ten-thousand-day rebuild. */
const MAX_RANGE_DAYS = 3_660;

/** Which days `adops metrics rollup` rebuilds. Bad options are a clear error before anything is read or written. */
export function rollupScope(opts: { all?: boolean; from?: string; to?: string }): RollupScope {
  if (opts.all) {
    if (opts.from !== undefined || opts.to !== undefined)
      throw new Error('--all rebuilds every day that has rows: give it without --from/--to');
    return { kind: 'all' };
  }
  if (opts.from === undefined || opts.to === undefined)
    throw new Error(
      'give --all (every day with rows; afterwards reports trust the digests) or both --from and --to (YYYY-MM-DD)',
    );
  for (const [name, value] of [
    ['--from', opts.from],
    ['--to', opts.to],
  ] as const)
    if (!isIsoDate(value)) throw new Error(`${name}: expected a date YYYY-MM-DD, got "${value}"`);
  if (opts.from > opts.to) throw new Error(`--from ${opts.from} is after --to ${opts.to}`);
  const days = daysBetween(opts.from, opts.to) + 1;
  if (days > MAX_RANGE_DAYS) throw new Error(`--from..--to spans ${days} days; at most ${MAX_RANGE_DAYS} at once`);
  return { kind: 'range', dates: datesInRange(opts.from, opts.to) };
}

export interface RollupRun extends RollupBuild {
  /** Whether digests now cover every row (reports read them instead of the rows). */
  complete: boolean;
}

/**
 * Rebuilds the report digests of the scope's days from the stored rows (src/storage/metrics-rollup.ts). `--all`
 * first finds every day with rows (one pass over metrics_daily), and once all are digested records that the digests
 * cover the database: only then do reports read them. Safe while pulls run: each account-day is rebuilt under the
 * same lease the writes take.
 */
export async function runRollup(
  db: Db,
  config: EngineConfig,
  scope: RollupScope,
  progress: (line: string) => void = () => undefined,
): Promise<RollupRun> {
  const dates = scope.kind === 'all' ? await datesWithRows(db) : scope.dates;
  const accounts = config.accounts.advertisers.flatMap((a) =>
    a.accounts.map(({ platform, accountId }) => ({ platform, accountId })),
  );
  let done = 0;
  const build = await rebuildRollups(db, dates, {
    accounts,
    onDay: () => {
      done += 1;
      if (done % 30 === 0) progress(`${done}/${dates.length} days`);
    },
  });
  if (scope.kind === 'all') await markRollupsComplete(db, 'adops metrics rollup --all');
  return { ...build, complete: await rollupsComplete(db) };
}

export function rollupText(run: RollupRun): string {
  const lines = [`digested ${run.rows} rows of ${run.days} days`];
  if (run.busy.length > 0)
    lines.push(`${run.busy.length} account-days were being digested by a write meanwhile: that write finishes them`);
  lines.push(
    run.complete
      ? 'digests cover every row of metrics_daily: reports read them'
      : 'digests do not cover older rows yet: reports read the rows until `adops metrics rollup --all` has run once',
  );
  return lines.join('\n');
}

export function registerMetricsCommands(program: Command): void {
  program
    .command('metrics')
    .description('stored metrics (metrics_daily) and the digests reports read')
    .command('rollup')
    .description(
      'rebuild the report digests from the stored rows: --all once on a database older than them, or a range to repair',
    )
    .option('--all', 'every day with rows (one pass over metrics_daily), then let reports trust the digests')
    .option('--from <YYYY-MM-DD>', 'first day to rebuild')
    .option('--to <YYYY-MM-DD>', 'last day to rebuild')
    .action(async (opts: { all?: boolean; from?: string; to?: string }) => {
      const scope = rollupScope(opts);
      const config = loadConfig();
      if (!process.env.MONGO_URL) {
        Object.assign(process.env, stackEnvironment(await stackUp({ sandbox: Boolean(readStackState().sandbox) })));
      }
      const database = await connectDatabase(process.env.MONGO_URL as string);
      try {
        // A worker of this version may not have started on this database yet: the digests' collections need indexes.
        await ensureIndexes(database.db);
        const run = await runRollup(database.db, config, scope, (line) => console.error(line));
        console.log(rollupText(run));
      } finally {
        await database.client.close();
      }
    });
}
