import { defaultConfigDir, loadConfig } from '../config/load';
import { createLogger, installTemporalLogging } from '../logging';
import { reportsDir } from '../stack/paths';
import { rollupsComplete } from '../storage/metrics-rollup';
import { connectDatabase, ensureIndexes } from '../storage/mongo';
import { connectWorkerConnection, temporalTarget } from '../temporal/connection';
import { createWorkers, runWorkers } from './create-workers';

export interface WorkerProcessOptions {
  mongoUrl: string;
  logFile?: string;
}

/**
 * The worker process: connects Temporal and MongoDB, runs until SIGINT/SIGTERM, gives in-flight activities the
 * configured grace time, then closes the database and the Temporal connection.
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<void> {
  const logger = createLogger('worker', options.logFile);
  installTemporalLogging(logger);
  const configDir = defaultConfigDir();
  const config = loadConfig(configDir);
  const target = temporalTarget();
  const connection = await connectWorkerConnection(target);
  const database = await connectDatabase(options.mongoUrl);
  try {
    await ensureIndexes(database.db);
    if (!(await rollupsComplete(database.db)))
      logger.warn(
        'metrics_daily holds rows older than the report digests: reports read the rows (slow on large data) until ' +
          '`adops metrics rollup --all` has run once',
      );
    const workers = await createWorkers({
      connection,
      namespace: target.namespace,
      config,
      deps: { db: database.db, loadConfig: () => loadConfig(configDir), reportsDir: reportsDir() },
    });
    logger.info(
      { temporal: target.address, namespace: target.namespace, queues: workers.map((w) => w.options.taskQueue) },
      'worker started',
    );
    await runWorkers(workers);
    logger.info('worker stopped');
  } finally {
    await database.client.close();
    await connection.close();
  }
}
