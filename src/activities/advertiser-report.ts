import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import axios from 'axios';
import type { Db } from 'mongodb';
import type { EngineConfig } from '../config/load';
import type { GenerateReportInput } from '../domain/workflow-input';
import { renderReport } from '../reports/render';
import { buildReportModel } from '../reports/report-data';
import { summaryText } from '../reports/summary-text';
import { recordAdvertiserReport, setReportStatus, type AdvertiserReportStatus } from '../storage/reports-store';
import { INVALID_INPUT } from './run-bounds';

export interface WrittenReport {
  reportId: string;
  from: string;
  to: string;
  files: Array<{ format: string; path: string; bytes: number }>;
  summary: string;
}

export const SLACK_WEBHOOK_ENV = 'ADOPS_SLACK_WEBHOOK_URL';

export interface AdvertiserReportDeps {
  db: Db;
  loadConfig: () => EngineConfig;
  reportsDir: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** generateReport's steps: build the model from the database, write every format, record it; deliver to Slack. */
export function createAdvertiserReportActivities(deps: AdvertiserReportDeps) {
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());
  return {
    async writeAdvertiserReport(input: GenerateReportInput): Promise<WrittenReport> {
      const config = deps.loadConfig();
      if (!config.accounts.advertisers.some((a) => a.id === input.advertiserId)) {
        throw ApplicationFailure.nonRetryable(
          `advertiserId: "${input.advertiserId}" is not in config/accounts.yaml (known: ${config.accounts.advertisers.map((a) => a.id).join(', ')})`,
          INVALID_INPUT,
        );
      }
      const locale = input.locale ?? 'ko-KR';
      const model = await buildReportModel(deps.db, config, {
        advertiserId: input.advertiserId,
        period: input.period,
        ...(input.date ? { date: input.date } : {}),
        now: now(),
      });
      const rendered = await renderReport(model, input.formats ?? ['xlsx', 'csv', 'html', 'pdf'], locale);
      const dir = path.join(deps.reportsDir, input.period, `${model.from}_${model.to}`);
      await mkdir(dir, { recursive: true });
      const files: WrittenReport['files'] = [];
      for (const file of rendered) {
        const target = path.join(dir, file.fileName);
        // Write-then-rename: a retried activity never leaves a half-written file behind.
        const tmp = `${target}.${process.pid}.tmp`;
        await writeFile(tmp, file.content);
        await rename(tmp, target);
        files.push({ format: file.format, path: target, bytes: file.content.length });
      }
      const reportId = `report|${input.advertiserId}|${input.period}|${model.from}|${locale}`;
      const summary = summaryText(model, locale);
      await recordAdvertiserReport(deps.db, {
        reportId,
        advertiserId: input.advertiserId,
        period: input.period,
        from: model.from,
        to: model.to,
        locale,
        files,
        summary,
        status: 'written',
      });
      Context.current().log.info('report written', { reportId, files: files.map((f) => f.path) });
      return { reportId, from: model.from, to: model.to, files, summary };
    },

    async markReport(input: { reportId: string; status: AdvertiserReportStatus; detail?: string }): Promise<void> {
      await setReportStatus(deps.db, input.reportId, input.status, input.detail);
    },

    /**
     * Posts the summary and where the files are to the Slack incoming webhook named by ADOPS_SLACK_WEBHOOK_URL. A
     * refusal or an outage throws a retryable failure, so Temporal retries with back-off; the files are never touched.
     */
    async deliverReport(input: { reportId: string; summary: string; files: WrittenReport['files'] }): Promise<void> {
      const url = env[SLACK_WEBHOOK_ENV];
      if (!url) {
        throw ApplicationFailure.nonRetryable(
          `${SLACK_WEBHOOK_ENV} is not set: set it to the Slack incoming webhook URL, or start the report without "deliver"`,
          'ConfigError',
        );
      }
      const text = `${input.summary}\n${input.files.map((f) => `• ${f.format.toUpperCase()}: ${f.path}`).join('\n')}`;
      const response = await axios
        .post(url, { text }, { timeout: 15_000, validateStatus: () => true })
        .catch((err: { code?: string }) => {
          // The webhook URL is a secret: only the error code goes into the failure (and workflow history).
          throw ApplicationFailure.retryable(
            `Slack is not reachable (${err.code ?? 'network error'}); retrying`,
            'DeliveryFailed',
          );
        });
      if (response.status < 200 || response.status >= 300) {
        // The webhook URL is a secret: never in the message.
        throw ApplicationFailure.retryable(`Slack answered HTTP ${response.status}; retrying`, 'DeliveryFailed');
      }
      await setReportStatus(deps.db, input.reportId, 'delivered');
    },
  };
}
