import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { stringify } from 'yaml';
import { addDays } from '../../src/domain/dates';
import type { RebalanceState } from '../../src/workflows/messages';
import type { TestEnv } from './test-env';

/** A rule on Dalbit's KRW Naver, Kakao and TikTok campaigns: short restatement windows, so 35 days hold 28 settled. */
export const DALBIT_RULE = {
  id: 'dalbit-test',
  advertiserId: 'dalbit-foods',
  scope: { platforms: ['naver', 'kakao', 'tiktok'], level: 'campaign' },
  objective: { kind: 'maxConversions' },
  minData: { days: 7, conversions: 1 },
  constraints: { maxChangePct: 20, cooldown: '0s', maxChangesPerAccountPerDay: 1000 },
  level: 'approve',
  approvalExpiresAfter: '1h',
  // These tests reject and cut plans on purpose: a bar of 0% keeps automatic demotion out of them (it is tested in
  // test/workflows/rule-trust.integration.test.ts). The bar is not part of the rule's version.
  promotion: { minAgreementPct: 0, minCalibrationPct: 0 },
};

export function writeRules(env: TestEnv, rule: Record<string, unknown> = {}, killSwitch = false): void {
  writeFileSync(
    path.join(env.configDir, 'rules.yaml'),
    stringify({ killSwitch, rules: [{ ...DALBIT_RULE, ...rule }] }),
  );
}

/** 35 days of Dalbit's Naver, Kakao and TikTok history up to yesterday, through the real pullAll. */
export async function pullDalbitHistory(env: TestEnv, today: string): Promise<void> {
  await env.client.workflow.execute('pullAll', {
    taskQueue: env.taskQueue,
    workflowId: `pull-all:${env.taskQueue}`,
    args: [
      {
        date: addDays(today, -1),
        advertisers: ['dalbit-foods'],
        platforms: ['naver', 'kakao', 'tiktok'],
        windowDays: { naver: 35, kakao: 35, tiktok: 35 },
      },
    ],
  });
}

/** The run's state once it has planned (and applied what was automatic): phase waiting or done. */
export async function whenPlanned(handle: WorkflowHandle, timeoutMs = 60_000): Promise<RebalanceState> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await handle.query<RebalanceState>('plans').catch(() => undefined);
    if (state && (state.phase === 'waiting' || state.phase === 'done')) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${handle.workflowId} did not finish planning in ${timeoutMs} ms`);
}
