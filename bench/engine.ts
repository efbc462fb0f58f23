import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../src/config/load';
import { projectRoot } from '../src/stack/paths';
import { connectDatabase, ensureIndexes, type Database } from '../src/storage/mongo';
import { createWorkers, runWorkers, WORKFLOWS_PATH } from '../src/workers/create-workers';

export interface BenchEngine {
  client: Client;
  taskQueue: string;
  database: Database;
  close(): Promise<void>;
}

/** config/sandbox.env: the sandbox's tokens, which the benches hand to the activities as their environment. */
export function sandboxEnv(): Record<string, string> {
  return parseEnv(readFileSync(path.join(projectRoot(), 'config', 'sandbox.env'), 'utf8')) as Record<string, string>;
}

/**
 * The real engine for a bench: a private database and task queue, workers of every queue (platforms and trackers)
 * on the running Temporal server, reading config from `configDir`.
 */
export async function startBenchEngine(opts: {
  stack: { temporal: { address: string; namespace: string }; mongo: { url: string } };
  configDir: string;
  env: Record<string, string>;
  name: string;
}): Promise<BenchEngine> {
  const stamp = Date.now().toString(36);
  const database = await connectDatabase(opts.stack.mongo.url, `adops_bench_${opts.name}_${stamp}`);
  await ensureIndexes(database.db);
  const connection = await Connection.connect({ address: opts.stack.temporal.address });
  const client = new Client({ connection, namespace: opts.stack.temporal.namespace });
  const workerConnection = await NativeConnection.connect({ address: opts.stack.temporal.address });
  const taskQueue = `bench-${opts.name}-${stamp}`;
  const workers = await createWorkers({
    connection: workerConnection,
    namespace: opts.stack.temporal.namespace,
    config: loadConfig(opts.configDir),
    taskQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
    }),
    deps: {
      db: database.db,
      loadConfig: () => loadConfig(opts.configDir),
      reportsDir: path.join(opts.configDir, 'reports'),
      env: opts.env,
    },
  });
  const running = runWorkers(workers);
  return {
    client,
    taskQueue,
    database,
    async close() {
      for (const w of workers) w.shutdown();
      await running;
      await database.db.dropDatabase();
      await database.client.close();
      await connection.close();
      await workerConnection.close();
    },
  };
}
