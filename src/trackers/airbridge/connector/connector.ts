import type { AirbridgeSettings } from '../../../config/trackers-schema';
import type { RawExchange } from '../../../connectors/connector';
import { send, type HttpExchange, type RequestPolicy } from '../../../connectors/http-client';
import { jsonBodyOf } from '../../../connectors/json-body';
import { abortableSleep } from '../../../connectors/rate-limiter';
import {
  TrackerTaskFailed,
  type TrackerConnector,
  type TrackerConnectorContext,
  type TrackerParseContext,
} from '../../../connectors/tracker';
import { chunkRange } from '../../../domain/dates';
import { mergeTrackerRows, trackerMaturity, type TrackerDailyRow } from '../../../domain/trackers';
import { classifyAirbridgeError } from '../errors';
import { parseAirbridgeRows, parseAirbridgeTask } from '../parse';
import { airbridgeQueryBody, airbridgeQueryPath, airbridgeTaskPath } from '../wire';

/**
 * Airbridge actuals: an asynchronous query per range (at most 400 days). POST returns a task; it is polled with
 * doubling waits until SUCCESS, then read page by page. FAILURE or CANCELED submits the query again, up to
 * `taskAttempts`; a task still running at `taskTimeoutSeconds` ends as TrackerTaskFailed TIMEOUT (Temporal retries
 * the activity). Only the submission and the result pages are kept as exchanges, not every poll.
 */
export function createAirbridgeConnector(ctx: TrackerConnectorContext<AirbridgeSettings>): TrackerConnector {
  const { settings } = ctx;
  const root = ctx.baseUrl.replace(/\/$/, '');
  const policy: RequestPolicy = {
    ...ctx.policy,
    classify: (exchange: HttpExchange) =>
      exchange.status >= 200 && exchange.status < 300
        ? null
        : classifyAirbridgeError(exchange.status, exchange.text, exchange.headers),
  };

  return {
    async pull(app, range) {
      if (app.tracker !== 'airbridge') throw new Error(`app ${app.id} is tracked by ${app.tracker}, not airbridge`);
      const headers = { Authorization: `Bearer ${ctx.credential(app, 'apiToken')}` };
      const isMature = trackerMaturity(ctx.now(), app.timeZone, settings.restatementWindowDays);
      const rows: TrackerDailyRow[] = [];
      const exchanges: RawExchange[] = [];
      const keep = (method: string, url: string, params: Record<string, string>, response: HttpExchange) =>
        exchanges.push({ request: { method, url, params }, status: response.status, body: response.text });
      const page = async (taskId: string, skip: number) => {
        const url = `${root}${airbridgeTaskPath(app.appId, taskId)}`;
        const params = { skip: String(skip), size: String(settings.pageSize) };
        const response = await send({ method: 'GET', url, params, headers }, policy);
        return { url, params, response, body: jsonBodyOf(response) };
      };

      for (const chunk of chunkRange(range.from, range.to, settings.maxRangeDays)) {
        const parseContext: TrackerParseContext = {
          app: app.id,
          appId: app.appId,
          advertiserId: ctx.advertiserOf(app),
          currency: app.currency,
          timeZone: app.timeZone,
          range: chunk,
          isMature,
        };
        for (let attempt = 1; ; attempt += 1) {
          const url = `${root}${airbridgeQueryPath(app.appId)}`;
          const body = JSON.stringify(airbridgeQueryBody(chunk));
          const submitted = await send(
            { method: 'POST', url, headers: { ...headers, 'Content-Type': 'application/json' }, data: body },
            policy,
          );
          keep('POST', url, { body }, submitted);
          let task = parseAirbridgeTask(jsonBodyOf(submitted));
          let first: Awaited<ReturnType<typeof page>> | undefined;
          const deadline = Date.now() + settings.taskTimeoutSeconds * 1000;
          let wait = settings.pollFirstSeconds * 1000;
          while (task.status === 'PENDING' || task.status === 'RUNNING') {
            const left = deadline - Date.now();
            if (left <= 0) {
              throw new TrackerTaskFailed(
                'airbridge',
                task.taskId,
                'TIMEOUT',
                `still ${task.status} after ${settings.taskTimeoutSeconds} s`,
              );
            }
            ctx.policy.onWait?.(
              `airbridge task ${task.taskId} ${task.status}, polling again in ${Math.min(wait, left)} ms`,
            );
            await abortableSleep(Math.min(wait, left), ctx.policy.signal);
            wait = Math.min(wait * 2, settings.pollMaxSeconds * 1000);
            first = await page(task.taskId, 0);
            task = parseAirbridgeTask(first.body);
          }
          if (task.status === 'SUCCESS') {
            let current = first ?? (await page(task.taskId, 0));
            for (let skip = 0; ;) {
              keep('GET', current.url, current.params, current.response);
              const pageRows = parseAirbridgeRows(current.body, parseContext);
              rows.push(...pageRows);
              if (pageRows.length < settings.pageSize) break;
              skip += settings.pageSize;
              current = await page(task.taskId, skip);
            }
            break;
          }
          if (attempt >= settings.taskAttempts) {
            throw new TrackerTaskFailed(
              'airbridge',
              task.taskId,
              task.status,
              `after ${attempt} submission(s) of ${chunk.from}..${chunk.to}`,
            );
          }
          ctx.policy.onWait?.(`airbridge task ${task.taskId} ended ${task.status}; submitting the query again`);
        }
      }
      return { rows: mergeTrackerRows(rows), exchanges };
    },
  };
}
