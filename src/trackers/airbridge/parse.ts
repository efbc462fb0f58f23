import { isRecord, ResponseFormatError } from '../../connectors/errors';
import type { TrackerParseContext } from '../../connectors/tracker';
import { isIsoDate } from '../../domain/dates';
import { decimalToMicros, MoneyFormatError } from '../../domain/money';
import type { TrackerDailyRow } from '../../domain/trackers';
import { AIRBRIDGE_GROUP_BYS, AIRBRIDGE_METRICS, AIRBRIDGE_TASK_STATUSES, type AirbridgeTaskStatus } from './wire';

/** `{task: {taskId, status}}`, as both the POST and every poll answer. */
export function parseAirbridgeTask(body: unknown): { taskId: string; status: AirbridgeTaskStatus } {
  const task = isRecord(body) && isRecord(body.task) ? body.task : undefined;
  if (!task) throw new ResponseFormatError('task', 'missing from the response');
  if (typeof task.taskId !== 'string' || task.taskId === '')
    throw new ResponseFormatError('task.taskId', 'expected a task id');
  const status = task.status;
  if (typeof status !== 'string' || !(AIRBRIDGE_TASK_STATUSES as readonly string[]).includes(status)) {
    throw new ResponseFormatError(
      'task.status',
      `expected one of ${AIRBRIDGE_TASK_STATUSES.join(', ')}, got ${JSON.stringify(status)}`,
    );
  }
  return { taskId: task.taskId, status: status as AirbridgeTaskStatus };
}

/**
 * One page of a finished task (`actuals.data.rows`, each `{groupBys: [...], values: {metric: {value}}}` with the
 * group-bys in the order asked) → tracker_daily rows. Airbridge states no currency: the app's is config's.
 */
export function parseAirbridgeRows(body: unknown, ctx: TrackerParseContext): TrackerDailyRow[] {
  const actuals = isRecord(body) && isRecord(body.actuals) ? body.actuals : undefined;
  const data = actuals && isRecord(actuals.data) ? actuals.data : undefined;
  if (!data || !Array.isArray(data.rows))
    throw new ResponseFormatError('actuals.data.rows', 'expected an array of rows');
  return data.rows.map((raw, i): TrackerDailyRow => {
    const where = `actuals.data.rows[${i}]`;
    if (!isRecord(raw) || !Array.isArray(raw.groupBys) || !isRecord(raw.values)) {
      throw new ResponseFormatError(where, 'expected {groupBys: [...], values: {...}}');
    }
    if (raw.groupBys.length !== AIRBRIDGE_GROUP_BYS.length) {
      throw new ResponseFormatError(
        `${where}.groupBys`,
        `expected ${AIRBRIDGE_GROUP_BYS.length} values (${AIRBRIDGE_GROUP_BYS.join(', ')})`,
      );
    }
    const [date, channel, campaignId, campaign] = raw.groupBys as unknown[];
    if (!isIsoDate(date))
      throw new ResponseFormatError(`${where}.groupBys[0]`, `expected an event date, got ${JSON.stringify(date)}`);
    if (date < ctx.range.from || date > ctx.range.to) {
      throw new ResponseFormatError(
        `${where}.groupBys[0]`,
        `${date} is outside the range asked for (${ctx.range.from}..${ctx.range.to})`,
      );
    }
    if (typeof channel !== 'string' || channel === '')
      throw new ResponseFormatError(`${where}.groupBys[1]`, 'expected a channel');
    const values = raw.values;
    const value = (metric: string) => {
      const cell = values[metric];
      return isRecord(cell) ? cell.value : undefined;
    };
    const count = (metric: string) => {
      const v = value(metric);
      if (v === undefined || v === null) return 0;
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
        throw new ResponseFormatError(`${where}.values.${metric}`, `expected a whole count, got ${JSON.stringify(v)}`);
      }
      return v;
    };
    const money = (metric: string): bigint | null => {
      const v = value(metric);
      if (v === undefined || v === null) return null;
      try {
        const micros = decimalToMicros(v, metric);
        if (micros >= 0n) return micros;
      } catch (err) {
        if (!(err instanceof MoneyFormatError)) throw err;
      }
      throw new ResponseFormatError(
        `${where}.values.${metric}`,
        `expected a non-negative amount, got ${JSON.stringify(v)}`,
      );
    };
    return {
      tracker: 'airbridge',
      app: ctx.app,
      appId: ctx.appId,
      advertiserId: ctx.advertiserId,
      mediaSource: channel,
      campaignId: typeof campaignId === 'string' && campaignId !== '' ? campaignId : null,
      campaignName: typeof campaign === 'string' ? campaign : '',
      date,
      dateBasis: 'activity',
      timeZone: ctx.timeZone,
      currency: ctx.currency,
      installs: count(AIRBRIDGE_METRICS.installs),
      reEngagements: count(AIRBRIDGE_METRICS.reEngagements),
      events: count(AIRBRIDGE_METRICS.events),
      eventCounts: [],
      revenueMicros: money(AIRBRIDGE_METRICS.revenue) ?? 0n,
      costMicros: money(AIRBRIDGE_METRICS.cost),
      mature: ctx.isMature(date),
    };
  });
}
