import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { configYaml, loadConfig, type EngineConfig } from '../config/load';
import { findRule, loadRules } from '../config/rules';
import type { RuleConfig } from '../config/rules-schema';
import { addDays, dateInZone, instantInZone, isIsoDate, type IsoDate } from '../domain/dates';
import { baseUrlEnvVar, PLATFORMS } from '../domain/platforms';
import { MAX_PULL_DAYS } from '../domain/workflow-input';
import { simulationRows, type DayOutcome, type SimulationRow } from '../domain/simulation/capture';
import { startSandbox } from '../sandbox/server';
import { loadSandboxWorld } from '../sandbox/world';
import { connectDatabase, ensureIndexes } from '../storage/mongo';
import { connectClient, connectWorkerConnection, temporalTarget } from '../temporal/connection';
import { cumulativeChartSvg } from './chart';
import { SimulatedEngine, type EngineDay } from './engine';
import { OracleWorld, scopeOutcome, type SimulatedObjective } from './references';
import { simulationScope, SimulationRefused } from './scope';

export interface SimulateOptions {
  ruleId: string;
  days: number;
  /** The sandbox world's seed (default: config/sandbox.yaml's). */
  seed?: number;
  /** The last simulated day (agency zone), yesterday at the latest; default yesterday. */
  end?: IsoDate;
  outDir?: string;
  configDir: string;
  mongoUrl: string;
  reportsDir: string;
  /** One line per step (a day, the history load). */
  progress: (line: string) => void;
}

export interface SimulationResult {
  ruleId: string;
  seed: number;
  objective: SimulatedObjective;
  currency: string;
  from: IsoDate;
  to: IsoDate;
  rows: SimulationRow[];
  engineDays: EngineDay[];
  chartPath: string;
  csvPath: string;
}

/** The engine's daily run happens at this agency time, after the morning pulls (as the rebalance schedules do). */
const RUN_TIME = '10:00';
export const MAX_SIMULATED_DAYS = 90;

/**
 * `adops simulate`: the engine against its oracle on the sandbox, day by day (see README, "Closed-loop simulation").
 * The simulated days end yesterday, so every date the engine sees is a past date to Temporal and to config checks;
 * the sandbox's clock and the activities' clock are set to each simulated day at RUN_TIME.
 */
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_SIMULATED_DAYS)
    throw new SimulationRefused(`--days: expected a whole number from 1 to ${MAX_SIMULATED_DAYS}, got ${options.days}`);
  const config = loadConfig(options.configDir);
  const rule = findRule(loadRules(config), options.ruleId);
  if (!rule) {
    const known = loadRules(config)
      .rules.map((r) => r.id)
      .join(', ');
    throw new SimulationRefused(`--rule: "${options.ruleId}" is not in ${config.dir}/rules.yaml (its rules: ${known})`);
  }
  const worldFile = path.join(config.dir, 'sandbox.yaml');
  if (!existsSync(worldFile))
    throw new SimulationRefused(`${config.dir} has no sandbox.yaml: simulate runs only against the sandbox`);
  const world = loadSandboxWorld(worldFile);
  if (options.seed !== undefined) world.seed = options.seed;
  const scope = simulationScope(config, world, rule);
  const objective = rule.objective.kind as SimulatedObjective;
  const currency = scope.accounts[0]?.currency ?? '';
  const platforms = [...new Set(scope.accounts.map((a) => a.platform))];

  const yesterday = addDays(dateInZone(new Date(), scope.agencyTimeZone), -1);
  if (options.end !== undefined && (!isIsoDate(options.end) || options.end > yesterday))
    throw new SimulationRefused(
      `--end: expected a date (YYYY-MM-DD) no later than yesterday (${yesterday}), got ${options.end}`,
    );
  const to = options.end ?? yesterday;
  const from = addDays(to, -(options.days - 1));
  const tag = `sim-${rule.id}-s${world.seed}-${Date.now().toString(36)}`;
  const outDir =
    options.outDir ?? path.join(options.reportsDir, 'simulations', `${rule.id}-seed${world.seed}-${from}_${to}`);

  // Everything started is closed again, in reverse order, whichever step fails.
  const cleanup: Array<() => Promise<unknown> | void> = [];
  try {
    const privateConfig = writePrivateConfig(config, rule);
    cleanup.push(() => rmSync(privateConfig, { recursive: true, force: true }));
    const sandbox = await startSandbox(world);
    cleanup.push(() => sandbox.close());
    const database = await connectDatabase(options.mongoUrl, tag.replace(/-/g, '_'));
    cleanup.push(() => database.client.close());
    cleanup.push(() => database.db.dropDatabase().catch(() => undefined));
    const target = temporalTarget();
    const { client, connection } = await connectClient(target);
    cleanup.push(() => connection.close());
    const workerConnection = await connectWorkerConnection(target);
    cleanup.push(() => workerConnection.close());
    let clock = instantInZone(from, RUN_TIME, scope.agencyTimeZone);
    const setClock = async (date: IsoDate) => {
      clock = instantInZone(date, RUN_TIME, scope.agencyTimeZone);
      await fetch(`${sandbox.url}/_sandbox/clock`, {
        method: 'PUT',
        body: JSON.stringify({ now: clock.toISOString() }),
      });
    };
    const env: Record<string, string> = { ...scope.sandboxEnv };
    for (const platform of PLATFORMS) env[baseUrlEnvVar(platform)] = `${sandbox.url}/${platform}`;
    const engine = new SimulatedEngine({
      connection: workerConnection,
      client,
      namespace: target.namespace,
      config: loadConfig(privateConfig),
      loadConfig: () => loadConfig(privateConfig),
      db: database.db,
      env,
      // Frozen for the whole simulated day: plan times, ledger times and cooldowns do not depend on how long a run takes.
      now: () => clock,
      taskQueue: tag,
      reportsDir: path.join(privateConfig, 'reports'),
    });
    cleanup.push(() => engine.stop().catch(() => undefined));
    await ensureIndexes(database.db);
    await engine.start();
    const oracle = new OracleWorld(world, scope, objective, rule.constraints.maxChangePct / 100);
    await setClock(from);
    options.progress(
      `loading ${rule.lookbackDays} days of history before ${from} (${platforms.join(', ')}; ${scope.holders.length} budgets in scope, seed ${world.seed})`,
    );
    // In pieces a pull may take (93 days at most), newest first.
    for (let through = addDays(from, -1), left = rule.lookbackDays; left > 0;) {
      const length = Math.min(left, MAX_PULL_DAYS);
      const windowDays = Object.fromEntries(platforms.map((p) => [p, length]));
      await engine.pull({ through, advertiserId: scope.advertiserId, platforms, windowDays });
      through = addDays(through, -length);
      left -= length;
    }

    const days: DayOutcome[] = [];
    const engineDays: EngineDay[] = [];
    for (let i = 0; i < options.days; i++) {
      const date = addDays(from, i);
      await setClock(date);
      // The day's pull re-reads each platform's restatement window up to yesterday, as the daily run does.
      if (i > 0) await engine.pull({ through: addDays(date, -1), advertiserId: scope.advertiserId, platforms });
      const engineDay = await engine.rebalance({ date, advertiserId: scope.advertiserId, ruleId: rule.id });
      const oracleChanges = oracle.step(date, clock);
      const day: DayOutcome = {
        date,
        engine: scopeOutcome(world, scope, date, sandbox.state.mutations, objective),
        control: scopeOutcome(world, scope, date, [], objective),
        oracle: scopeOutcome(world, scope, date, oracle.mutations, objective),
      };
      days.push(day);
      engineDays.push(engineDay);
      const row = simulationRows(days).at(-1) as SimulationRow;
      options.progress(dayLine(i + 1, options.days, row, engineDay, oracleChanges, objective, currency));
    }

    const rows = simulationRows(days);
    mkdirSync(outDir, { recursive: true });
    const base = path.join(outDir, `${rule.id}-seed${world.seed}`);
    const scale = (v: bigint) => (objective === 'maxRevenue' ? Number(v) / 1e6 : Number(v));
    const last = rows.at(-1) as SimulationRow;
    writeFileSync(
      `${base}.svg`,
      cumulativeChartSvg(rows, {
        title: `${rule.id}, seed ${world.seed}: cumulative ${outcomeName(objective)}, engine captured ${percent(last.cumulative.capture)} of the oracle's gain`,
        axisName: objective === 'maxRevenue' ? `revenue (${currency})` : 'conversions',
        scale,
      }),
    );
    writeFileSync(`${base}.csv`, csv(rows, engineDays, objective === 'maxRevenue' ? 'revenue_micros' : 'conversions'));
    return {
      ruleId: rule.id,
      seed: world.seed,
      objective,
      currency,
      from,
      to,
      rows,
      engineDays,
      chartPath: `${base}.svg`,
      csvPath: `${base}.csv`,
    };
  } finally {
    for (const close of cleanup.reverse()) await close();
  }
}

/**
 * A copy of the config with only the simulated rule, at level auto (a simulation measures what automation would do)
 * and with kill switches off (they stop real changes; a simulation changes sandbox budgets only). A campaign-level
 * rule pulls campaigns only: ad set rows would triple the pulls' writes and the rule never reads them.
 */
function writePrivateConfig(config: EngineConfig, rule: RuleConfig): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'adops-simulate-'));
  for (const file of ['accounts.yaml', 'sandbox.env']) copyFileSync(path.join(config.dir, file), path.join(dir, file));
  const platforms = Object.fromEntries(
    Object.entries(config.platforms.platforms).map(([name, settings]) => [
      name,
      rule.scope.level === 'campaign' ? { ...settings, levels: ['campaign'] } : settings,
    ]),
  );
  writeFileSync(path.join(dir, 'platforms.yaml'), configYaml({ ...config.platforms, platforms }));
  // The rule as written (money stays in major-unit strings), not as parsed.
  const raw = parse(readFileSync(path.join(config.dir, 'rules.yaml'), 'utf8')) as { rules: Array<{ id: string }> };
  const written = raw.rules.find((r) => r.id === rule.id) as Record<string, unknown>;
  writeFileSync(
    path.join(dir, 'rules.yaml'),
    stringify({
      killSwitch: false,
      rules: [{ ...written, level: 'auto', killSwitch: false, promotion: pinnedBar(written) }],
    }),
  );
  return dir;
}

/**
 * The rule's promotion bar with nothing that can demote it: a simulation measures the rule at auto for every day, and
 * its calibration would otherwise move it to approve, whose plans nobody approves there. Not in the rule's version.
 */
function pinnedBar(written: Record<string, unknown>): Record<string, unknown> {
  return { ...(written.promotion as Record<string, unknown> | undefined), minAgreementPct: 0, minCalibrationPct: 0 };
}

const outcomeName = (objective: SimulatedObjective) => (objective === 'maxRevenue' ? 'revenue' : 'conversions');

export function percent(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

/** An outcome as printed: revenue in whole major units (micros never go through a float for text), or a count. */
export function formatOutcome(value: bigint, objective: SimulatedObjective): string {
  const whole = objective === 'maxRevenue' ? value / 1_000_000n : value;
  return whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function dayLine(
  n: number,
  total: number,
  row: SimulationRow,
  engineDay: EngineDay,
  oracleChanges: number,
  objective: SimulatedObjective,
  currency: string,
): string {
  const f = (v: bigint) => formatOutcome(v, objective);
  const unit = objective === 'maxRevenue' ? ` ${currency}` : ' conv';
  return (
    `day ${String(n).padStart(2)}/${total} ${row.date}  engine ${f(row.engine)}  control ${f(row.control)}  oracle ${f(row.oracle)}${unit}` +
    `  captured ${percent(row.capture)} (to date ${percent(row.cumulative.capture)})` +
    `  changes: engine ${engineDay.applied}, oracle ${oracleChanges}` +
    (engineDay.problems.length ? `  problems: ${engineDay.problems.length}` : '')
  );
}

function csv(rows: readonly SimulationRow[], engineDays: readonly EngineDay[], unit: string): string {
  const figures = ['engine', 'control', 'oracle'];
  const header = [
    'date',
    ...figures.map((f) => `${f}_${unit}`),
    'capture',
    ...figures.map((f) => `cumulative_${f}_${unit}`),
    'cumulative_capture',
    'engine_changes',
  ].join(',');
  const lines = rows.map((r, i) =>
    [
      r.date,
      r.engine,
      r.control,
      r.oracle,
      r.capture ?? '',
      r.cumulative.engine,
      r.cumulative.control,
      r.cumulative.oracle,
      r.cumulative.capture ?? '',
      engineDays[i]?.applied ?? 0,
    ].join(','),
  );
  return [header, ...lines].join('\n') + '\n';
}
