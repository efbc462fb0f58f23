import type { TestProject } from 'vitest/node';
import { stackDown, stackUp } from '../../src/stack';
import { readStackState, type ComponentName } from '../../src/stack/state';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    mongoUrl: string;
    /** The Temporal Web UI of the dev server, or '' when TEMPORAL_ADDRESS points at a server without one. */
    temporalUi: string;
  }
}

let startedHere: ComponentName[] = [];

/** Uses TEMPORAL_ADDRESS / MONGO_URL when set; otherwise starts the local stack and stops, afterwards, what it started. */
export async function setup(project: TestProject) {
  const before = readStackState();
  const info = await stackUp({ sandbox: false, progress: (m) => console.log(`[test stack] ${m}`) });
  const after = readStackState();
  startedHere = (['temporal', 'mongo'] as const).filter((n) => after[n] && after[n]?.pid !== before[n]?.pid);
  project.provide('temporalAddress', info.temporal.address);
  project.provide('temporalNamespace', info.temporal.namespace);
  project.provide('mongoUrl', info.mongo.url);
  project.provide('temporalUi', info.temporal.ui ?? process.env.TEMPORAL_UI ?? '');
}

export async function teardown() {
  if (startedHere.length > 0) await stackDown(startedHere, (m) => console.log(`[test stack] ${m}`));
}
