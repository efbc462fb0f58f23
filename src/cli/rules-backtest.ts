import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { currencyDecimals, microsToDecimal } from '../domain/money';
import type { BacktestReport } from '../domain/rebalance/backtest';
import { createBacktestActivities, DEFAULT_RUN_AT } from '../activities/backtest';
import { stackEnvironment, stackUp } from '../stack';
import { readStackState } from '../stack/state';
import { connectDatabase } from '../storage/mongo';

/** The `rules` command group, created by whichever rules subcommand registers first. */
function rulesGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'rules') ??
    program.command('rules').description('budget rules of config/rules.yaml: their evidence and their history')
  );
}

/** `adops rules backtest`: a rule replayed over past days on the data as it was known each day. Writes nothing. */
export function registerRulesBacktestCommand(program: Command): void {
  rulesGroup(program)
    .command('backtest')
    .description('replay a rule day by day on the data as it was known then: what it would have changed, and why')
    .requiredOption('--rule <id>', 'rule id in config/rules.yaml')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, agency time zone)')
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD)')
    .option(
      '--at <HH:MM>',
      "when the rule runs each day, agency time zone (the rebalance schedules' time)",
      DEFAULT_RUN_AT,
    )
    .option('--json', 'print the whole report as JSON (micros as decimal strings)')
    .action(async (opts: { rule: string; from: string; to: string; at: string; json?: boolean }) => {
      if (!process.env.MONGO_URL) {
        Object.assign(process.env, stackEnvironment(await stackUp({ sandbox: Boolean(readStackState().sandbox) })));
      }
      const database = await connectDatabase(process.env.MONGO_URL as string);
      try {
        const { backtestRule } = createBacktestActivities({ db: database.db, loadConfig: () => loadConfig() });
        const report = await backtestRule({ ruleId: opts.rule, from: opts.from, to: opts.to, runAt: opts.at });
        console.log(opts.json ? JSON.stringify(report, null, 2) : backtestText(report));
      } finally {
        await database.client.close();
      }
    });
}

/** The report in words: per day the changes (from → to) with their predicted effect, then totals per currency. */
export function backtestText(report: BacktestReport): string {
  const revenue = report.outcome === 'revenueMicros';
  const lines = [
    `rule ${report.ruleId}, ${report.from}..${report.to}, on the data as known at ${report.runAt} ${report.timeZone} each day`,
  ];
  const source = report.outcomeSource;
  if (source) {
    lines.push(
      `outcome from the tracker: ${source.conversions} as conversions and its revenue (${source.apps.join(', ') || 'no app maps onto the scope'}); ` +
        'tracker rows first stored by each run, at their current values (tracker_daily keeps no earlier ones; a settled day no longer changes)',
    );
  }
  const money = (micros: string, currency: string) => microsToDecimal(BigInt(micros), currencyDecimals(currency));
  const effect = (delta: number, low: number, high: number, currency: string) => {
    const f = (v: number) => {
      const text = revenue ? (v / 1e6).toFixed(currencyDecimals(currency)) : v.toFixed(2);
      return v >= 0 ? `+${text}` : text;
    };
    const count = report.outcomeSource ? `tracker ${report.outcomeSource.conversions}` : 'conversions';
    return `${f(delta)} (90% band ${f(low)} to ${f(high)}) ${revenue ? `${currency} revenue` : count}/day`;
  };
  for (const day of report.days) {
    const unknown = day.rowsUnknown ? `, ${day.rowsUnknown} rows whose values then are lost` : '';
    const unseen = day.entitiesUnseen ? `, ${day.entitiesUnseen} entities not known yet` : '';
    lines.push(`${day.date}  as of ${day.asOf}: ${day.rowsKnown} rows known${unknown}${unseen}`);
    for (const c of day.currencies) {
      if (c.changes.length === 0) {
        lines.push(`  ${c.currency}: no change (${c.skipped.length} skipped)`);
        continue;
      }
      lines.push(
        `  ${c.currency}: ${c.changes.length} change(s), total ${money(c.totalFromMicros, c.currency)} → ${money(c.totalToMicros, c.currency)}, predicted ${effect(c.predictedDelta, c.predictedLow, c.predictedHigh, c.currency)}`,
      );
      for (const ch of c.changes) {
        lines.push(
          `    ${ch.platform} ${ch.entityId} ${ch.name}: ${money(ch.fromMicros, c.currency)} → ${money(ch.toMicros, c.currency)} (${ch.changePct >= 0 ? '+' : ''}${ch.changePct}%, budget from ${ch.budgetSource})  ${ch.reason}`,
        );
      }
    }
  }
  lines.push('totals');
  if (report.totals.length === 0) lines.push('  no budget in scope');
  for (const t of report.totals) {
    lines.push(
      `  ${t.currency}: ${t.changes} change(s) on ${t.daysWithChanges} of ${report.days.length} days, +${money(t.increaseMicros, t.currency)} / -${money(t.decreaseMicros, t.currency)}, predicted ${effect(t.predictedDelta, t.predictedLow, t.predictedHigh, t.currency)} summed over the days`,
    );
  }
  return lines.join('\n');
}
