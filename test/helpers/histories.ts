import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { projectRoot } from '../../src/stack/paths';

export const HISTORIES_DIR = path.join(projectRoot(), 'test', 'histories');

/**
 * With ADOPS_CAPTURE_HISTORIES=1, saves a run's history (encoded, via historyToJSON, not JSON.stringify) for the
 * replay test. Re-capture after an intentional workflow change and commit the files.
 */
export async function captureHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.ADOPS_CAPTURE_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), historyToJSON(history));
  // Replay needs the original workflow id: child workflow ids are derived from it.
  const ids = readHistoryIds();
  ids[name] = workflowId;
  writeFileSync(HISTORY_IDS_FILE, `${JSON.stringify(ids, null, 2)}\n`);
}

export const HISTORY_IDS_FILE = path.join(HISTORIES_DIR, 'ids.json');

export function readHistoryIds(): Record<string, string> {
  return existsSync(HISTORY_IDS_FILE)
    ? (JSON.parse(readFileSync(HISTORY_IDS_FILE, 'utf8')) as Record<string, string>)
    : {};
}
