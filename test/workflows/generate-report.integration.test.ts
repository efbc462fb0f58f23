import { readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertMetricRows } from '../../src/storage/metrics-store';
import { findReport } from '../../src/storage/reports-store';
import type { ReportState } from '../../src/workflows/messages';
import { fakeWebhook } from '../helpers/fake-webhook';
import { hanbitMetaDay as day } from '../helpers/report-rows';
import { useTestEnv } from '../helpers/test-env';

describe('generateReport', () => {
  const env = useTestEnv();
  const hook = fakeWebhook([]);
  let runs = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
    env.env.ADOPS_SLACK_WEBHOOK_URL = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/hook`;
    // The week of 2026-11-16 (Mon) to 11-22 (Sun): 3 days with spend, 100,000 + 200,000 + 300,000 KRW.
    await upsertMetricRows(
      env.database.db,
      [day('2026-11-16', 100_000n, 2), day('2026-11-18', 200_000n, 3), day('2026-11-22', 300_000n, 5)],
      'fixture',
    );
  });
  afterAll(() => new Promise<void>((resolve) => hook.server.close(() => resolve())));

  const run = (input: Record<string, unknown>) => {
    runs += 1;
    return env.client.workflow.start('generateReport', {
      taskQueue: env.taskQueue,
      workflowId: `report:${env.taskQueue}:${runs}`,
      args: [{ advertiserId: 'hanbit-cosmetics', period: 'weekly', date: '2026-11-18', ...input }],
    });
  };

  it('writes every format, records the report, and the workbook holds the stored figures', async () => {
    const state = (await (await run({ locale: 'en-US' })).result()) as ReportState;
    expect(state.status).toBe('written');
    expect(state.files.map((f) => f.format)).toEqual(['xlsx', 'csv', 'html', 'pdf']);
    for (const f of state.files) expect(statSync(f.path).size).toBe(f.bytes);
    expect(readFileSync(state.files[3]!.path).subarray(0, 4).toString()).toBe('%PDF');
    const record = await findReport(env.database.db, state.reportId!);
    expect(record).toMatchObject({ period: 'weekly', from: '2026-11-16', to: '2026-11-22', status: 'written' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(state.files[0]!.path);
    const cells = workbook.worksheets.flatMap((ws) => {
      const values: unknown[] = [];
      ws.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
      return values;
    });
    // 100,000 + 200,000 + 300,000 KRW spent in the week.
    expect(cells).toContain(600_000);
    expect(state.summary).toMatch(/KRW/);
  });

  it('a failed Slack delivery is retried and the report stays intact', async () => {
    hook.script.push(500);
    hook.received.length = 0;
    const state = (await (await run({ deliver: true })).result()) as ReportState;
    expect(state.status).toBe('delivered');
    expect(hook.received).toHaveLength(2);
    const text = (JSON.parse(hook.received[1]!) as { text: string }).text;
    for (const f of state.files) expect(text).toContain(f.path);
    for (const f of state.files) expect(statSync(f.path).size).toBe(f.bytes);
    expect((await findReport(env.database.db, state.reportId!))?.status).toBe('delivered');
  });

  it('review before send: an unreviewed report expires unsent; an approved one is sent', async () => {
    hook.received.length = 0;
    const expiring = (await (
      await run({ deliver: true, review: true, reviewExpiresAfterMinutes: 1 })
    ).result()) as ReportState;
    expect(expiring.status).toBe('not_delivered');
    expect(hook.received).toEqual([]);

    const handle = await run({ deliver: true, review: true });
    for (let i = 0; i < 300; i += 1) {
      if ((await handle.query<ReportState>('report')).phase === 'awaiting_review') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const refused = await handle
      .executeUpdate('review', { args: [{ decision: 'send it', by: 'kim' }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(hook.received).toEqual([]);
    const approved = await handle.executeUpdate<ReportState, [object]>('review', {
      args: [{ decision: 'approve', by: 'kim' }],
    });
    expect(approved.status).toBe('delivered');
    expect(hook.received).toHaveLength(1);
  }, 240_000);
});
