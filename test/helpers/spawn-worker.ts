import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/stack/paths';

/** What test/helpers/worker-process.ts needs (it reads this as JSON from ADOPS_TEST_WORKER). */
export interface TestWorkerSettings {
  address: string;
  namespace: string;
  mongoUrl: string;
  dbName: string;
  taskQueue: string;
  configDir: string;
  /** The activities' environment (sandbox base URLs and tokens). */
  env: Record<string, string>;
}

/** A worker in its own process, so a test can SIGKILL it; resolves once it polls. */
export function spawnTestWorker(
  settings: TestWorkerSettings,
  stderr: 'inherit' | 'ignore' = 'inherit',
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot(), 'test', 'helpers', 'worker-process.ts')],
    {
      env: { ...process.env, ADOPS_TEST_WORKER: JSON.stringify(settings) },
      stdio: ['ignore', 'pipe', stderr],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('worker ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
  });
}
