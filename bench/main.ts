import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { stringify } from 'yaml';
import { configYaml, loadConfig } from '../src/config/load';
import type { AccountsFile } from '../src/config/schema';
import { addDays, dateInZone } from '../src/domain/dates';
import { ENTITY_LEVELS, type EntityLevel, type MetricRow } from '../src/domain/metrics';
import { baseUrlEnvVar, PLATFORMS, type Platform } from '../src/domain/platforms';
import { startSandbox } from '../src/sandbox/server';
import { platformTruth } from '../src/sandbox/truth';
import { loadSandboxWorld, type SandboxWorld } from '../src/sandbox/world';
import { stackUp } from '../src/stack';
import { projectRoot } from '../src/stack/paths';
import { upsertMetricRows } from '../src/storage/metrics-store';
import { ensureIndexes } from '../src/storage/mongo';
import type { PullAllResult } from '../src/workflows/pull-all';
import { sandboxEnv, startBenchEngine } from './engine';
import { runPlannerBench } from './planner';
import { runReportBench } from './report';
import { runTrackerBench } from './trackers';

/**
 * npm run bench: pull 40 accounts × 50 campaigns × 30 days per platform through the real engine (Temporal workflows,
 * platform task queues, HTTP to the sandbox, parsing, idempotent upserts) and compare with a baseline measured in the
 * same run: the same rows upserted straight into the database. Absolute times on a shared machine are noisy; the
 * ratio is the figure to track. Options: BENCH_ACCOUNTS, BENCH_CAMPAIGNS, BENCH_DAYS, BENCH_PLATFORMS=meta,tiktok,
 * BENCH_LEVELS=campaign (default: campaign,adset — ad sets / ad groups as well, as the engine pulls by default).
 */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 40);
const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 50);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const ONLY = (process.env.BENCH_PLATFORMS?.split(',') ?? PLATFORMS) as Platform[];
const LEVELS = (process.env.BENCH_LEVELS?.split(',') ?? ENTITY_LEVELS) as EntityLevel[];

const ACCOUNT_IDS: Record<Platform, (i: number) => string> = {
  meta: (i) => `act_${800000000 + i}`,
  google_ads: (i) => String(5000000000 + i),
  naver: (i) => String(3000000 + i),
  kakao: (i) => String(60000 + i),
  tiktok: (i) => String(7100000000000000000n + BigInt(i)),
};

function benchWorld(): { world: SandboxWorld; accounts: AccountsFile } {
  const base = loadConfig(path.join(projectRoot(), 'config'));
  const world: SandboxWorld = { seed: 42, meta: { grants: [], accounts: [] } };
  const accounts: AccountsFile = { timeZone: 'Asia/Seoul', advertisers: [] };
  for (const platform of PLATFORMS) {
    const example = base.accounts.advertisers.flatMap((a) => a.accounts).find((a) => a.platform === platform)!;
    const ids = Array.from({ length: ACCOUNTS }, (_, i) => ACCOUNT_IDS[platform](i));
    const original = loadSandboxSection(platform);
    world[platform] = {
      grants: original.grants.map((g) => ({ ...g, accounts: ids })),
      options: { ...original.options, reportIntervalMs: 200, qpsLimit: 100_000, requestsPerSecondPerCustomer: 100_000 },
      accounts: ids.map((id) => ({
        id,
        name: `Bench ${id}`,
        currency: 'KRW',
        timeZone: 'Asia/Seoul',
        campaigns: CAMPAIGNS,
        medianDailySpend: 100_000,
      })),
    };
    accounts.advertisers.push({
      id: `bench-${platform.replace('_', '-')}`,
      name: `Bench ${platform}`,
      accounts: ids.map((accountId) => ({
        ...example,
        accountId,
        currency: 'KRW',
        timeZone: 'Asia/Seoul',
        name: `Bench ${accountId}`,
      })),
    });
  }
  return { world, accounts };
}

let cachedWorld: SandboxWorld | undefined;
/** The platform's section of config/sandbox.yaml: its grants (credentials) and options. */
function loadSandboxSection(platform: Platform) {
  cachedWorld ??= loadSandboxWorld(path.join(projectRoot(), 'config', 'sandbox.yaml'));
  return cachedWorld[platform]!;
}

async function main() {
  // The planner bench needs no stack: it runs first, and BENCH=planner runs only it.
  runPlannerBench();
  if (process.env.BENCH === 'planner') return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = await stackUp({ sandbox: false, progress: (m) => console.error(`[stack] ${m}`) });
  if (process.env.BENCH === 'report') return runReportBench(stack.mongo.url);
  if (process.env.BENCH === 'trackers') return runTrackerBench(stack);
  const { world, accounts } = benchWorld();
  const sandbox = await startSandbox(world);
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'adops-bench-'));
  const platformsFile = loadConfig(path.join(projectRoot(), 'config')).platforms;
  // Lift client-side pacing so the figure is the engine's own throughput, not the configured politeness.
  for (const settings of Object.values(platformsFile.platforms)) {
    Object.assign(settings, {
      requestsPerSecond: 10_000,
      activitiesPerSecond: 200,
      minRateLimitBackoffSeconds: 1,
      levels: LEVELS,
    });
    if (settings.perAccountIntervalSeconds !== undefined) settings.perAccountIntervalSeconds = 0.2;
  }
  platformsFile.worker = { ...platformsFile.worker, maxConcurrentPulls: 10, maxParallelChildren: 10 };
  writeFileSync(path.join(configDir, 'accounts.yaml'), stringify(accounts));
  writeFileSync(path.join(configDir, 'platforms.yaml'), configYaml(platformsFile));
  const env = sandboxEnv();
  for (const platform of PLATFORMS) env[baseUrlEnvVar(platform)] = `${sandbox.url}/${platform}`;

  const engine = await startBenchEngine({ stack, configDir, env, name: 'pull' });
  const { client, taskQueue, database } = engine;
  const stamp = Date.now().toString(36);
  const date = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
  const from = addDays(date, -(DAYS - 1));
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

  console.log(
    `bench: ${ACCOUNTS} accounts × ${CAMPAIGNS} campaigns × ${DAYS} days per platform (${from}..${date}), levels ${LEVELS.join('+')}`,
  );
  console.log('platform     rows    engine s  engine rows/s  baseline rows/s  engine/baseline');
  try {
    for (const platform of ONLY) {
      const started = performance.now();
      const result = (await client.workflow.execute('pullAll', {
        taskQueue,
        workflowId: `bench:${platform}:${stamp}`,
        args: [{ date, platforms: [platform], windowDays: { [platform]: DAYS } }],
      })) as PullAllResult;
      const engineSeconds = (performance.now() - started) / 1000;
      if (result.failed.length) throw new Error(`${platform}: ${JSON.stringify(result.failed[0])}`);

      // Baseline: the same rows, already normalised, upserted straight into an empty collection in 500-row pages.
      const baselineDb = database.client.db(`adops_bench_${stamp}_baseline_${platform}`);
      await ensureIndexes(baselineDb);
      const rows: MetricRow[] = accounts.advertisers
        .find((a) => a.id === `bench-${platform.replace('_', '-')}`)!
        .accounts.flatMap((account) =>
          platformTruth(world, platform, account.accountId, from, date, sandbox.state.now(), sandbox.state.mutations)
            .filter((t) => LEVELS.includes(t.level))
            .map((t) => ({
              platform,
              accountId: account.accountId,
              advertiserId: 'bench',
              level: t.level,
              ...(t.campaignId === undefined ? {} : { campaignId: t.campaignId }),
              entityId: t.entityId,
              entityName: t.entityName,
              date: t.date,
              currency: t.currency,
              timeZone: 'Asia/Seoul',
              impressions: t.impressions,
              clicks: t.clicks,
              spendMicros: t.spendMicros,
              conversions: t.conversions,
              conversionValueMicros: t.conversionValueMicros,
              mature: false,
            })),
        );
      const baseStart = performance.now();
      for (let i = 0; i < rows.length; i += 500) await upsertMetricRows(baselineDb, rows.slice(i, i + 500), 'bench');
      const baselineSeconds = (performance.now() - baseStart) / 1000;
      await baselineDb.dropDatabase();
      if (rows.length !== result.rows)
        throw new Error(`${platform}: engine stored ${result.rows} rows, truth has ${rows.length}`);
      const engineRate = result.rows / engineSeconds;
      const baselineRate = rows.length / baselineSeconds;
      console.log(
        `${platform.padEnd(11)} ${String(result.rows).padStart(6)}  ${engineSeconds.toFixed(1).padStart(8)}  ${engineRate.toFixed(0).padStart(13)}  ${baselineRate.toFixed(0).padStart(15)}  ${(engineRate / baselineRate).toFixed(2).padStart(15)}`,
      );
    }
    console.log(`peak RSS of the bench process (worker + sandbox + client): ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    clearInterval(sampler);
    await engine.close();
    await sandbox.close();
    rmSync(configDir, { recursive: true, force: true });
  }
  await runTrackerBench(stack);
  // The monthly report on 100k stored rows (BENCH_REPORT_SIZES=100000,1000000 for the 1M run, which takes minutes).
  await runReportBench(stack.mongo.url, (process.env.BENCH_REPORT_SIZES ?? '100000').split(',').map(Number));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
