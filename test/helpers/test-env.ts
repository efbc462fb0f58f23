import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  NativeConnection,
  type Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { inject } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig, type EngineConfig } from '../../src/config/load';
import type { AccountsFile, PlatformsFile } from '../../src/config/schema';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { loadSandboxWorld, type SandboxWorld } from '../../src/sandbox/world';
import { projectRoot } from '../../src/stack/paths';
import { connectDatabase, ensureIndexes, type Database } from '../../src/storage/mongo';
import { createWorkers, runWorkers, WORKFLOWS_PATH } from '../../src/workers/create-workers';

export const SANDBOX_TOKENS = {
  META_TOKEN_AGENCY: 'sbx-meta-agency-7f3a9c',
  META_TOKEN_DALBIT: 'sbx-meta-dalbit-2b81d4',
};

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** One workflow bundle per test file (bundling takes a second or two). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
  });
  return bundle;
}

export function defaultWorld(): SandboxWorld {
  return loadSandboxWorld(path.join(projectRoot(), 'config', 'sandbox.yaml'));
}

export function defaultAccounts(): AccountsFile {
  return loadConfig(path.join(projectRoot(), 'config')).accounts;
}

/** Platform settings tuned for tests: small pages, short timeouts and back-off floors. */
export function testPlatforms(overrides: Partial<PlatformsFile['platforms']['meta']> = {}): PlatformsFile {
  const base = loadConfig(path.join(projectRoot(), 'config')).platforms;
  return {
    ...base,
    platforms: {
      ...base.platforms,
      meta: {
        ...base.platforms.meta,
        pageSize: 10,
        minRateLimitBackoffSeconds: 0.2,
        requestTimeoutSeconds: 2,
        requestsPerSecond: 200,
        activitiesPerSecond: 50,
        ...overrides,
      },
    },
    worker: { ...base.worker, shutdownGraceSeconds: 2 },
  };
}

export interface TestEnv {
  sandbox: RunningSandbox;
  world: SandboxWorld;
  database: Database;
  client: Client;
  connection: Connection;
  workerConnection: NativeConnection;
  taskQueue: string;
  configDir: string;
  config: () => EngineConfig;
  /** Environment the activities see: sandbox base URL and sandbox tokens (never process.env in tests). */
  env: Record<string, string>;
  startWorkers(): Promise<{ workers: Worker[]; stop(): Promise<void> }>;
  close(): Promise<void>;
}

/** A private world per test file: own sandbox, own database, own task queue, own config directory. */
export async function createTestEnv(
  options: { world?: SandboxWorld; accounts?: AccountsFile; platforms?: PlatformsFile } = {},
): Promise<TestEnv> {
  const world = options.world ?? defaultWorld();
  const sandbox = await startSandbox(world);
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'adops-test-config-'));
  writeFileSync(path.join(configDir, 'accounts.yaml'), stringify(options.accounts ?? defaultAccounts()));
  writeFileSync(path.join(configDir, 'platforms.yaml'), stringify(options.platforms ?? testPlatforms()));
  writeFileSync(path.join(configDir, 'sandbox.env'), readFileSync(path.join(projectRoot(), 'config', 'sandbox.env')));
  const database = await connectDatabase(inject('mongoUrl'), `adops_test_${id}`);
  await ensureIndexes(database.db);
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const client = new Client({ connection, namespace: inject('temporalNamespace') });
  const workerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const taskQueue = `test-${id}`;
  const env = { ADOPS_META_BASE_URL: `${sandbox.url}/meta`, ...SANDBOX_TOKENS };
  const config = () => loadConfig(configDir);
  const reportsDir = path.join(configDir, 'reports');

  return {
    sandbox,
    world,
    database,
    client,
    connection,
    workerConnection,
    taskQueue,
    configDir,
    config,
    env,
    async startWorkers() {
      const workers = await createWorkers({
        connection: workerConnection,
        namespace: inject('temporalNamespace'),
        config: config(),
        taskQueue,
        workflowBundle: await workflowBundle(),
        deps: { db: database.db, loadConfig: config, reportsDir, env },
      });
      const running = runWorkers(workers);
      return {
        workers,
        async stop() {
          for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
          await running;
        },
      };
    },
    async close() {
      await database.db.dropDatabase().catch(() => undefined);
      await database.client.close();
      await connection.close();
      await workerConnection.close();
      await sandbox.close();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
