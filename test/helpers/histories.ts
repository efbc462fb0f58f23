import { mkdirSync, writeFileSync } from 'node:fs';
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
}
