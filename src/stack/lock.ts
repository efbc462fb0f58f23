import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from './paths';
import { isAlive, sleep } from './procs';

/**
 * Serialises `stack up` / `stack down` across processes (a demo and a test run, or parallel test runs), so two of
 * them never start a second server on the same port or overwrite each other's .data/stack.json. A lock whose owner
 * process is gone is taken over.
 */
export async function withStackLock<T>(fn: () => Promise<T>, timeoutMs = 20 * 60_000): Promise<T> {
  const dir = path.join(dataDir(), 'stack.lock');
  mkdirSync(dataDir(), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'owner'), String(process.pid));
      break;
    } catch {
      const owner = Number(readOwner(dir));
      if (owner && !isAlive(owner)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(
          `another adops process (pid ${owner}) holds ${dir}; wait for it or remove the folder if that process is gone`,
        );
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readOwner(dir: string): string {
  try {
    return readFileSync(path.join(dir, 'owner'), 'utf8');
  } catch {
    return '';
  }
}
