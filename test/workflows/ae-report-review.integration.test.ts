import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../../src/stack/browser';
import { upsertMetricRows } from '../../src/storage/metrics-store';
import { findReport } from '../../src/storage/reports-store';
import type { ReportState } from '../../src/workflows/messages';
import { fakeWebhook } from '../helpers/fake-webhook';
import { hanbitMetaDay } from '../helpers/report-rows';
import { useTestEnv } from '../helpers/test-env';
import { screenshot, sendUpdateFromUi, startWorkflowFromUi } from '../helpers/web-ui';

/**
 * Review before send, the AE's way: headless Chromium starts generateReport from the Web UI with review on, the
 * validator's refusal of a malformed review reaches the AE in the dialog, nothing is sent until the AE approves with
 * Send an Update, and then the report goes to Slack once. Screenshots in test-artifacts/browser/.
 */
describe('an AE reviews a report in the Temporal Web UI before it is sent', () => {
  const env = useTestEnv();
  const hook = fakeWebhook([]);
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    expect(inject('temporalUi'), 'this test needs the dev server Web UI (TEMPORAL_UI)').not.toBe('');
    await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
    env.env.ADOPS_SLACK_WEBHOOK_URL = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/hook`;
    await upsertMetricRows(env.database.db, [hanbitMetaDay('2026-11-18', 250_000n, 4)], 'fixture');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => hook.server.close(() => resolve()));
  });

  it('starts generateReport with review, is refused a malformed review, approves, and the report is sent once', async () => {
    const ui = { uiUrl: inject('temporalUi'), namespace: inject('temporalNamespace') };
    const workflowId = `report:hanbit-cosmetics:weekly:2026-11-16:${env.taskQueue}:ui`;
    await startWorkflowFromUi(page, {
      ...ui,
      workflowId,
      taskQueue: env.taskQueue,
      workflowType: 'generateReport',
      input: { advertiserId: 'hanbit-cosmetics', period: 'weekly', date: '2026-11-18', deliver: true, review: true },
    });
    const handle = env.client.workflow.getHandle(workflowId);
    let state: ReportState | undefined;
    for (let i = 0; i < 600 && state?.phase !== 'awaiting_review'; i += 1) {
      state = await handle.query<ReportState>('report');
      if (state.phase !== 'awaiting_review') await new Promise((r) => setTimeout(r, 200));
    }
    expect(state?.phase).toBe('awaiting_review');
    await screenshot(page, 'report-review-1-waiting');

    const refused = await sendUpdateFromUi(page, {
      ...ui,
      workflowId,
      updateName: 'review',
      arg: { decision: 'send it', by: 'kim' },
    });
    await screenshot(page, 'report-review-2-refused');
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain('decision: must be "approve" or "reject", got "send it"');
    expect(hook.received).toEqual([]);

    const approved = await sendUpdateFromUi(page, {
      ...ui,
      workflowId,
      updateName: 'review',
      arg: { decision: 'approve', by: 'kim', reason: 'checked in the Web UI' },
    });
    await screenshot(page, 'report-review-3-approved');
    expect(approved).toMatchObject({ ok: true, listed: true });

    const final = (await handle.result()) as ReportState;
    expect(final.status).toBe('delivered');
    expect(hook.received).toHaveLength(1);
    // 250,000 KRW spent in the week of 2026-11-16: the summary Slack got is the stored figure.
    const text = (JSON.parse(hook.received[0]!) as { text: string }).text;
    expect(text).toMatch(/250,000/);
    expect((await findReport(env.database.db, final.reportId!))?.status).toBe('delivered');
  });
});
