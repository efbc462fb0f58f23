import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { stringify } from 'yaml';
import { configYaml, loadConfig } from '../../src/config/load';
import type { AccountsFile, PlatformsFile } from '../../src/config/schema';
import { addDays, dateInZone } from '../../src/domain/dates';
import type { MetricRow } from '../../src/domain/metrics';
import { restatementRange } from '../../src/domain/pull-window';
import { baseUrlEnvVar, PLATFORMS, type Platform } from '../../src/domain/platforms';
import { NO_FAULTS } from '../../src/sandbox/faults';
import { startSandbox } from '../../src/sandbox/server';
import { platformTruth } from '../../src/sandbox/truth';
import { loadSandboxWorld, type SandboxWorld } from '../../src/sandbox/world';
import { stackDown, stackUp } from '../../src/stack';
import { projectRoot } from '../../src/stack/paths';
import { connectDatabase, COLLECTIONS, ensureIndexes } from '../../src/storage/mongo';
import type { DailyOpsResult } from '../../src/workflows/daily-ops';
import { testPlatforms } from '../helpers/platform-settings';
import { spawnTestWorker } from '../helpers/spawn-worker';

export interface ChaosOptions {
  /** Ad accounts in the run, spread evenly over the five platforms. */
  accounts: number;
  /** Worker SIGKILLs (a new worker is started after each). */
  kills: number;
  /** One database outage of this length (0: none). */
  dbOutageMs: number;
  /** Temporal dev server restarts on its SQLite file. */
  serverRestarts: number;
  /** A window of API latency above pullAccount's 20 s heartbeat timeout (0: none). */
  slowWindowMs: number;
  /** Latency of every API request, so a short run lasts long enough for its chaos to land inside it. */
  baseLatencyMs?: number;
  /** Pause before each kill, drawn between these (ms). */
  killEveryMs?: [number, number];
  log?: (message: string) => void;
}

export interface ChaosFigures {
  kills: number;
  dbOutages: number;
  serverRestarts: number;
  faultsInjected: number;
  accounts: number;
  rowsExpected: number;
  rowsLost: number;
  rowsWrong: number;
  duplicateRows: number;
  failedAccounts: number;
}

export const summaryLine = (f: ChaosFigures) =>
  `kills: ${f.kills}, db outages: ${f.dbOutages}, server restarts: ${f.serverRestarts}, faults injected: ` +
  `${f.faultsInjected}, rows lost: ${f.rowsLost}, duplicate rows: ${f.duplicateRows}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CREDENTIALS = parseEnv(readFileSync(path.join(projectRoot(), 'config', 'sandbox.env'), 'utf8')) as Record<
  string,
  string
>;

/** Account ids of the right shape per platform for the clones (config's id patterns). */
const cloneId = (platform: Platform, n: number): string =>
  platform === 'meta'
    ? `act_7700000${String(n).padStart(3, '0')}`
    : platform === 'google_ads'
      ? `77000${String(n).padStart(5, '0')}`
      : platform === 'tiktok'
        ? `77000000000${String(n).padStart(5, '0')}`
        : `77${String(n).padStart(4, '0')}`;

/**
 * The sandbox world with enough accounts: each platform's first granted account cloned (fewer campaigns, so the run
 * stays minutes long), and an accounts.yaml with one advertiser per platform using the example config's credentials.
 */
function chaosWorld(perPlatform: number): { world: SandboxWorld; accounts: AccountsFile } {
  const world = loadSandboxWorld(path.join(projectRoot(), 'config', 'sandbox.yaml'));
  if (world.kakao) world.kakao.options = { ...world.kakao.options, reportIntervalMs: 200 };
  const example = loadConfig(path.join(projectRoot(), 'config')).accounts;
  const advertisers: AccountsFile['advertisers'] = [];
  let n = 0;
  for (const platform of PLATFORMS) {
    const side = world[platform] as unknown as {
      grants: Array<{ accounts: string[] }>;
      accounts: Array<Record<string, unknown> & { id: string; currency: string; timeZone: string }>;
    };
    const grant = side.grants[0]!;
    const source = side.accounts.find((a) => a.id === grant.accounts[0])!;
    const template = example.advertisers.flatMap((a) => a.accounts).find((a) => a.accountId === source.id)!;
    const ids: string[] = [];
    for (let i = 0; i < perPlatform; i += 1) {
      const id = cloneId(platform, (n += 1));
      side.accounts.push({ ...source, id, name: `Chaos ${platform} ${i + 1}`, campaigns: 4 });
      grant.accounts.push(id);
      ids.push(id);
    }
    advertisers.push({
      id: `chaos-${platform.replace('_', '-')}`,
      name: `Chaos ${platform}`,
      accounts: ids.map((accountId) => ({
        ...template,
        accountId,
        name: `Chaos ${accountId}`,
        currency: source.currency,
        timeZone: source.timeZone,
      })),
    });
  }
  return { world, accounts: { timeZone: example.timeZone, advertisers } };
}

/** The tests' fast settings, with request timeouts above the 25 s latency window. */
function chaosPlatforms(): PlatformsFile {
  const slowOk = Object.fromEntries(PLATFORMS.map((p) => [p, { requestTimeoutSeconds: 40 }]));
  const settings = testPlatforms(slowOk);
  return { ...settings, worker: { ...settings.worker, maxParallelChildren: 10 } };
}

/**
 * A daily run over many accounts while the worker is killed, the database goes away, the Temporal server restarts
 * and the APIs misbehave. Uses the project's local stack (started if needed); returns what happened and what was lost.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosFigures> {
  const log = options.log ?? ((m: string) => console.error(`[chaos] ${m}`));
  const perPlatform = Math.ceil(options.accounts / PLATFORMS.length);
  const { world, accounts } = chaosWorld(perPlatform);
  const accountCount = accounts.advertisers.reduce((n, a) => n + a.accounts.length, 0);
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'adops-chaos-'));
  writeFileSync(path.join(configDir, 'accounts.yaml'), stringify(accounts));
  writeFileSync(path.join(configDir, 'platforms.yaml'), configYaml(chaosPlatforms()));

  const info = await stackUp({ sandbox: false, progress: log });
  const sandbox = await startSandbox(world);
  const id = `${Date.now().toString(36)}`;
  const taskQueue = `chaos-${id}`;
  const dbName = `adops_chaos_${id}`;
  const database = await connectDatabase(info.mongo.url, dbName);
  await ensureIndexes(database.db);
  const env: Record<string, string> = { ...CREDENTIALS };
  for (const platform of PLATFORMS) env[baseUrlEnvVar(platform)] = `${sandbox.url}/${platform}`;

  const workers: ChildProcess[] = [];
  const startWorker = async () => {
    const settings = { address: info.temporal.address, namespace: info.temporal.namespace, mongoUrl: info.mongo.url };
    workers.push(await spawnTestWorker({ ...settings, dbName, taskQueue, configDir, env }, 'ignore'));
  };

  const figures: ChaosFigures = {
    kills: 0,
    dbOutages: 0,
    serverRestarts: 0,
    faultsInjected: 0,
    accounts: accountCount,
    rowsExpected: 0,
    rowsLost: 0,
    rowsWrong: 0,
    duplicateRows: 0,
    failedAccounts: 0,
  };
  const connectClient = async () => {
    const connection = await Connection.connect({ address: info.temporal.address });
    return { connection, client: new Client({ connection, namespace: info.temporal.namespace }) };
  };
  let { connection, client } = await connectClient();
  // Closed days in every account's zone; three days per account keeps the run a few minutes long.
  const date = addDays(dateInZone(new Date(), 'America/Los_Angeles'), -2);
  const windowDays: Record<string, number> = Object.fromEntries(PLATFORMS.map((p) => [p, 3]));
  try {
    await startWorker();

    const workflowId = `chaos:${date}:${taskQueue}`;
    const baseLatencyMs = options.baseLatencyMs ?? 0;
    sandbox.state.faults = {
      ...NO_FAULTS,
      latencyMs: baseLatencyMs,
      rateLimitRate: 0.05,
      serverErrorRate: 0.03,
      timeoutRate: 0.01,
      timeoutMs: 3_000,
      seed: 42,
    };
    await client.workflow.start('dailyOps', { taskQueue, workflowId, args: [{ date, windowDays }] });
    log(`dailyOps ${workflowId} over ${accountCount} accounts started`);

    let done = false;
    const chaos = (async () => {
      const random = (min: number, max: number) => min + Math.random() * (max - min);
      for (let i = 0; i < options.kills && !done; i += 1) {
        const [shortest, longest] = options.killEveryMs ?? [1_000, 4_000];
        await sleep(random(shortest, longest));
        if (done) break;
        // The database goes away under a live worker (its writes fail and are retried), then the worker is killed.
        // Only what this project runs can be stopped: an external server or database (TEMPORAL_ADDRESS, MONGO_URL) is not.
        if (i === 0 && options.dbOutageMs > 0 && !info.mongo.external) {
          await stackDown(['mongo'], log);
          figures.dbOutages += 1;
          await sleep(options.dbOutageMs);
          await stackUp({ sandbox: false, progress: log });
          log('database back');
        }
        if (i === 1 && options.slowWindowMs > 0) {
          sandbox.state.faults = { ...sandbox.state.faults, latencyMs: 25_000 };
          log('API latency 25 s');
          setTimeout(() => {
            sandbox.state.faults = { ...sandbox.state.faults, latencyMs: baseLatencyMs };
            log('API latency back to normal');
          }, options.slowWindowMs);
        }
        workers.at(-1)?.kill('SIGKILL');
        figures.kills += 1;
        log(`worker killed (${figures.kills}/${options.kills})`);
        if (i < options.serverRestarts && !info.temporal.external) {
          await stackDown(['temporal'], log);
          await stackUp({ sandbox: false, progress: log });
          figures.serverRestarts += 1;
          log('Temporal server restarted');
        }
        await startWorker();
      }
    })();

    // The server may restart under this wait: reconnect and ask again until the run closes.
    let result: DailyOpsResult | undefined;
    const deadline = Date.now() + 30 * 60_000;
    while (!result && Date.now() < deadline) {
      try {
        result = (await client.workflow.getHandle(workflowId).result()) as DailyOpsResult;
      } catch (err) {
        if ((err as Error).name === 'WorkflowFailedError') throw err;
        log(`waiting for the run: ${(err as Error).message}; retrying`);
        await sleep(2_000);
        await connection.close().catch(() => undefined);
        ({ connection, client } = await connectClient().catch(() => ({ connection, client })));
      }
    }
    done = true;
    await chaos;
    if (!result) throw new Error('the chaos run did not finish in 30 minutes');
    figures.failedAccounts = result.failed.length;
    for (const [key, n] of sandbox.state.counters) if (!key.endsWith(':ok')) figures.faultsInjected += n;

    // Every account's stored rows against the sandbox's ground truth.
    const stored = await database.db.collection<MetricRow>(COLLECTIONS.metricsDaily).find({}).toArray();
    const byKey = new Map<string, MetricRow[]>();
    for (const row of stored) {
      const key = `${row.platform}|${row.accountId}|${row.level}|${row.entityId}|${row.date}`;
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
    figures.duplicateRows = stored.length - byKey.size;
    for (const advertiser of accounts.advertisers) {
      for (const account of advertiser.accounts) {
        const range = restatementRange(date, windowDays[account.platform] as number);
        const truth = platformTruth(
          world,
          account.platform,
          account.accountId,
          range.from,
          range.to,
          sandbox.state.now(),
          sandbox.state.mutations,
        );
        figures.rowsExpected += truth.length;
        for (const t of truth) {
          const rows = byKey.get(`${account.platform}|${account.accountId}|${t.level}|${t.entityId}|${t.date}`);
          if (!rows) figures.rowsLost += 1;
          else if (rows[0]!.spendMicros !== t.spendMicros || rows[0]!.impressions !== t.impressions)
            figures.rowsWrong += 1;
        }
      }
    }
    return figures;
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await connection.close().catch(() => undefined);
    await database.db.dropDatabase().catch(() => undefined);
    await database.client.close().catch(() => undefined);
    await sandbox.close();
    rmSync(configDir, { recursive: true, force: true });
  }
}
