import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { loadSandboxWorld, type SandboxWorld } from '../../src/sandbox/world';
import { projectRoot } from '../../src/stack/paths';

/** config/sandbox.yaml, the world every sandbox test starts from (tweak it, then hand it to `useSandbox`). */
export function sandboxWorld(): SandboxWorld {
  return loadSandboxWorld(path.join(projectRoot(), 'config', 'sandbox.yaml'));
}

/**
 * A sandbox server for the tests of one describe block: started before them, closed after, its state (faults, clock,
 * budgets, counters) reset before each test unless `resetEachTest: false`.
 */
export function useSandbox(
  world: SandboxWorld = sandboxWorld(),
  options: { resetEachTest?: boolean } = {},
): RunningSandbox {
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    running = await startSandbox(world);
  });
  afterAll(() => running?.close());
  if (options.resetEachTest !== false) beforeEach(() => running?.state.reset());
  return new Proxy({} as RunningSandbox, {
    get(_target, key) {
      if (!running) throw new Error('the sandbox runs only inside tests and hooks (after beforeAll)');
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(running) : value;
    },
  });
}

/**
 * One request to a sandbox endpoint: `params` in the query, `headers` as given, `body` sent as JSON when there is one
 * (GET unless `method` says otherwise). Returns the status and the raw response text.
 */
export async function callSandbox(
  url: URL,
  params: Record<string, string>,
  headers: Record<string, string>,
  init: { method?: string; body?: unknown },
): Promise<{ status: number; text: string }> {
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, text: await response.text() };
}
