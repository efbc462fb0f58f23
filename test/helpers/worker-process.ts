import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../src/config/load';
import { connectDatabase } from '../../src/storage/mongo';
import { createWorkers, runWorkers } from '../../src/workers/create-workers';

/**
 * A worker in its own process, so a test can SIGKILL it in the middle of a pull. Settings come as JSON in
 * ADOPS_TEST_WORKER (address, namespace, mongo URL and database, task queue, config dir, activity env).
 */
interface Settings {
  address: string;
  namespace: string;
  mongoUrl: string;
  dbName: string;
  taskQueue: string;
  configDir: string;
  env: Record<string, string>;
}

async function main() {
  const s = JSON.parse(process.env.ADOPS_TEST_WORKER ?? '{}') as Settings;
  const connection = await NativeConnection.connect({ address: s.address });
  const database = await connectDatabase(s.mongoUrl, s.dbName);
  const config = () => loadConfig(s.configDir);
  const workers = await createWorkers({
    connection,
    namespace: s.namespace,
    config: config(),
    taskQueue: s.taskQueue,
    identity: `test-worker-${process.pid}`,
    deps: { db: database.db, loadConfig: config, reportsDir: `${s.configDir}/reports`, env: s.env },
  });
  console.log('worker ready');
  await runWorkers(workers);
  await database.client.close();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
