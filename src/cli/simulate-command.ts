import type { Command } from 'commander';
import { defaultConfigDir } from '../config/load';
import { createLogger, installTemporalLogging } from '../logging';
import { SimulationRefused } from '../simulation/scope';
import { formatOutcome, percent, simulate, type SimulationResult } from '../simulation/run';
import { stackEnvironment, stackUp } from '../stack';
import { dataDir, reportsDir } from '../stack/paths';
import path from 'node:path';

/**
 * `adops simulate --rule R --days 30 [--seed N] [--out dir]`: the rule's engine run day by day against the sandbox,
 * next to a control (no change) and an oracle (best split from the hidden curves), on identical worlds and noise.
 */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description("closed loop on the sandbox: the engine vs no change vs the oracle, share of the oracle's gain")
    .requiredOption('--rule <id>', 'a maxRevenue or maxConversions rule of config/rules.yaml (run as auto)')
    .option('--days <n>', 'simulated days, ending yesterday', '30')
    .option('--seed <n>', "the sandbox world's seed (default: config/sandbox.yaml's)")
    .option('--end <date>', 'the last simulated day, YYYY-MM-DD (default: yesterday); pins the figures')
    .option('--out <dir>', 'where the chart and the CSV go (default: reports/simulations/<rule>-seed<N>-<dates>)')
    .action(async (opts: { rule: string; days: string; seed?: string; end?: string; out?: string }) => {
      const days = wholeNumber('--days', opts.days);
      const seed = opts.seed === undefined ? undefined : wholeNumber('--seed', opts.seed);
      const env = process.env.MONGO_URL
        ? {}
        : stackEnvironment(await stackUp({ sandbox: false, progress: (m) => console.error(`[stack] ${m}`) }));
      Object.assign(process.env, env);
      const logFile = path.join(dataDir(), 'logs', 'simulate-worker.log');
      installTemporalLogging(createLogger('simulate', logFile));
      console.log(`[simulate] rule ${opts.rule}, ${days} days; worker logs: ${logFile}`);
      const started = Date.now();
      const result = await simulate({
        ruleId: opts.rule,
        days,
        ...(seed !== undefined ? { seed } : {}),
        ...(opts.end !== undefined ? { end: opts.end } : {}),
        ...(opts.out ? { outDir: path.resolve(opts.out) } : {}),
        configDir: defaultConfigDir(),
        mongoUrl: process.env.MONGO_URL as string,
        reportsDir: reportsDir(),
        progress: (line) => console.log(`[simulate] ${line}`),
      });
      printSummary(result, (Date.now() - started) / 1000);
    });
}

function wholeNumber(option: string, text: string): number {
  if (!/^-?\d+$/.test(text)) throw new SimulationRefused(`${option}: expected a whole number, got "${text}"`);
  return Number(text);
}

function printSummary(result: SimulationResult, seconds: number): void {
  const last = result.rows.at(-1);
  if (!last) return;
  const { engine, control, oracle, capture } = last.cumulative;
  const unit = result.objective === 'maxRevenue' ? `revenue, ${result.currency}` : 'conversions';
  const f = (v: bigint) => formatOutcome(v, result.objective);
  const vsControl = (v: bigint) =>
    control === 0n ? '' : ` (${((Number(v - control) / Number(control)) * 100).toFixed(2)}% vs control)`;
  console.log('');
  console.log(
    `Simulation of ${result.ruleId}, seed ${result.seed}, ${result.from} to ${result.to} (${result.rows.length} days, ${unit}):`,
  );
  console.log(`  engine   ${f(engine)}${vsControl(engine)}`);
  console.log(`  control  ${f(control)}`);
  console.log(`  oracle   ${f(oracle)}${vsControl(oracle)}`);
  console.log(`  share of the oracle's gain captured by the engine: ${percent(capture)}`);
  const applied = result.engineDays.reduce((s, d) => s + d.applied, 0);
  const problems = result.engineDays.flatMap((d) => d.problems);
  console.log(`  engine changes applied: ${applied}${problems.length ? `; not applied: ${problems.length}` : ''}`);
  for (const p of problems.slice(0, 5)) console.log(`    ${p}`);
  console.log(`Chart: ${result.chartPath}`);
  console.log(`Days:  ${result.csvPath}`);
  console.log(`Done in ${seconds.toFixed(0)} s.`);
}
