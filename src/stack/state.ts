import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from './paths';

export type ComponentName = 'temporal' | 'mongo' | 'sandbox';

export interface ComponentRecord {
  pid: number;
  address: string;
  /** Extra addresses worth printing (Temporal Web UI). */
  ui?: string;
  detail: string;
  startedAt: string;
}

export type StackState = Partial<Record<ComponentName, ComponentRecord>>;

const stateFile = () => path.join(dataDir(), 'stack.json');

/** What this project started (and so may stop). Anything not listed here is never touched by `stack down`. */
export function readStackState(): StackState {
  try {
    return JSON.parse(readFileSync(stateFile(), 'utf8')) as StackState;
  } catch {
    return {};
  }
}

export function writeStackState(state: StackState): void {
  mkdirSync(dataDir(), { recursive: true });
  writeFileSync(stateFile(), `${JSON.stringify(state, null, 2)}\n`);
}

export function updateComponent(name: ComponentName, record: ComponentRecord | undefined): void {
  const state = readStackState();
  if (record) state[name] = record;
  else delete state[name];
  writeStackState(state);
}
