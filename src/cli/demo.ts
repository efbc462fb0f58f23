import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { defaultConfigDir, loadConfig } from '../config/load';
import { createLogger, installTemporalLogging } from '../logging';
import { stackEnvironment, stackUp } from '../stack';
import { dataDir, reportsDir } from '../stack/paths';
import { COLLECTIONS, connectDatabase, ensureIndexes } from '../storage/mongo';
import { connectClient, connectWorkerConnection, temporalTarget } from '../temporal/connection';
import { createWorkers, runWorkers, WORKFLOWS_PATH } from '../workers/create-workers';
import type { DailyOpsResult } from '../workflows/daily-ops';
import { printRebalances, startRebalances, type RebalanceSummary } from './demo-rebalance';
import { startAndWatch, workflowIdFor } from './run';
import { PLATFORMS } from '../domain/platforms';

/** Days of history the demo loads for the budget rules: Meta's 28 unsettled days plus a month that has settled. */
const HISTORY_DAYS = 60;

/**
 * The main job: bring up what is missing, start a worker, run dailyOps for yesterday against the sandbox, print a
 * summary with the report paths and the Web UI address. The stack stays up afterwards so the run can be inspected.
 */
export async function runDemo(input: Record<string, unknown> = {}): Promise<void> {
  const started = Date.now();
  const step = (m: string) => console.log(`[demo] ${m}`);
  loadConfig(); // fail fast on bad config, before starting anything
  const stack = await stackUp({ sandbox: true, progress: step });
  Object.assign(process.env, stackEnvironment(stack));
  step(`Temporal ${stack.temporal.address}, MongoDB ${stack.mongo.url}, sandbox ${stack.sandbox?.url}`);

  const logFile = path.join(dataDir(), 'logs', 'demo-worker.log');
  installTemporalLogging(createLogger('worker', logFile));
  const target = temporalTarget();
  const database = await connectDatabase(process.env.MONGO_URL as string);
  const workerConnection = await connectWorkerConnection(target);
  const { client, connection } = await connectClient(target);
  try {
    await ensureIndexes(database.db);
    const rowsBefore = await database.db.collection(COLLECTIONS.metricsDaily).countDocuments();
    step('bundling workflows and starting the worker (logs: ' + logFile + ')');
    const configDir = defaultConfigDir();
    const workers = await createWorkers({
      connection: workerConnection,
      namespace: target.namespace,
      config: loadConfig(configDir),
      workflowBundle: await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger }),
      deps: { db: database.db, loadConfig: () => loadConfig(configDir), reportsDir: reportsDir() },
    });
    const running = runWorkers(workers);
    const workflowId = workflowIdFor('dailyOps', input);
    let result: DailyOpsResult;
    let rebalances: RebalanceSummary[];
    try {
      ({ result } = (await startAndWatch(client, 'dailyOps', input, { workflowId })) as { result: DailyOpsResult });
      // The rules fit their curves on settled days only, and the daily run re-pulls just the restatement windows
      // (Meta's 28 days are all unsettled): load 45 days once so the plans have history. Later runs find it unchanged.
      // Trackers were pulled over their windows by the daily run just now; again would only spend AppsFlyer's quota.
      const historyInput = { windowDays: Object.fromEntries(PLATFORMS.map((p) => [p, HISTORY_DAYS])), trackers: [] };
      step(`loading ${HISTORY_DAYS} days of history for the budget rules (pullAll; unchanged rows on later runs)`);
      await startAndWatch(client, 'pullAll', historyInput, {
        workflowId: `${workflowIdFor('pullAll', historyInput)}:history`,
        quiet: true,
      });
      step('planning budgets with config/rules.yaml (auto rules apply, shadow rules record, approve rules wait)');
      rebalances = await startRebalances(client, loadConfig(configDir));
    } finally {
      for (const worker of workers) worker.shutdown();
      await running;
    }
    const rowsAfter = await database.db.collection(COLLECTIONS.metricsDaily).countDocuments();
    const ui = stack.temporal.ui ?? '(your Temporal Web UI)';
    console.log('');
    console.log(`Daily run for ${result.date}: ${result.accounts} accounts, ${result.rows} rows pulled`);
    console.log(
      `  inserted ${result.counts.inserted}, updated ${result.counts.updated}, unchanged ${result.counts.unchanged}`,
    );
    console.log(`  metrics_daily rows: ${rowsBefore} before, ${rowsAfter} after`);
    const t = result.trackers;
    if (t) {
      console.log(
        `Tracker apps: ${t.apps} pulled beside the accounts, ${t.rows} rows (inserted ${t.counts.inserted}, updated ` +
          `${t.counts.updated}, unchanged ${t.counts.unchanged})${t.failed.length ? `; failed: ${t.failed.map((f) => `${f.tracker} ${f.appId}: ${f.error}`).join(' | ')}` : ''}`,
      );
    }
    console.log('Reports:');
    for (const r of result.reports) {
      for (const file of r.files ?? [r.path]) console.log(`  ${r.advertiserId}: ${file}`);
    }
    printRebalances(rebalances, stack.temporal.ui ? `${ui}/namespaces/${target.namespace}/workflows` : undefined);
    console.log(`Temporal UI: ${ui}`);
    if (stack.temporal.ui)
      console.log(`  this run: ${ui}/namespaces/${target.namespace}/workflows/${encodeURIComponent(workflowId)}`);
    console.log(
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s. The stack keeps running for inspection; stop it with: bin/adops stack down`,
    );
  } finally {
    await connection.close();
    await workerConnection.close();
    await database.client.close();
  }
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
  log: () => undefined,
};
