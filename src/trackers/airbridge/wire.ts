/**
 * Airbridge actuals report wire facts of the connector side; the sandbox states its own in sandbox/api-facts.ts.
 * Source: https://help.airbridge.io/en/references/actuals-report (POST …/actuals/query returns a task; GET
 * …/actuals/query/{task_id} is PENDING, RUNNING, SUCCESS, FAILURE or CANCELED; at most 10 group-bys, 20 metrics and
 * 400 days; dates in the app's time zone; 429 when requests are excessive). The result shape
 * (`actuals.data.rows[].groupBys[]` and `values.<metric>.value`) and the skip/size paging are from community clients
 * (unverified), as are the metric and group-by keys marked below.
 */

import type { IsoDate } from '../../domain/dates';

export const airbridgeQueryPath = (app: string) => `/reports/api/v7/apps/${encodeURIComponent(app)}/actuals/query`;
export const airbridgeTaskPath = (app: string, taskId: string) =>
  `${airbridgeQueryPath(app)}/${encodeURIComponent(taskId)}`;

export const AIRBRIDGE_MAX_GROUP_BYS = 10;
export const AIRBRIDGE_MAX_METRICS = 20;

/** Rows per event date, channel and campaign (campaign_id: unverified key). */
export const AIRBRIDGE_GROUP_BYS = ['event_date', 'channel', 'campaign_id', 'campaign'] as const;

/**
 * Installs (App); Deeplink Opens (App) as re-engagements (unverified key); Events (App); Revenue (App) (unverified
 * key); Cost (Channel) (`cost_channel`, as community clients send it). Airbridge reports no per-event split without
 * a further group-by, so eventCounts stay empty.
 */
export const AIRBRIDGE_METRICS = {
  installs: 'app_installs',
  reEngagements: 'app_deeplink_opens',
  events: 'app_events',
  revenue: 'app_revenue',
  cost: 'cost_channel',
} as const;

export type AirbridgeTaskStatus = 'PENDING' | 'RUNNING' | 'SUCCESS' | 'FAILURE' | 'CANCELED';
export const AIRBRIDGE_TASK_STATUSES: readonly AirbridgeTaskStatus[] = [
  'PENDING',
  'RUNNING',
  'SUCCESS',
  'FAILURE',
  'CANCELED',
];

export function airbridgeQueryBody(range: { from: IsoDate; to: IsoDate }) {
  const groupBys = [...AIRBRIDGE_GROUP_BYS];
  const metrics = Object.values(AIRBRIDGE_METRICS);
  if (groupBys.length > AIRBRIDGE_MAX_GROUP_BYS || metrics.length > AIRBRIDGE_MAX_METRICS) {
    throw new Error(
      `an Airbridge query takes at most ${AIRBRIDGE_MAX_GROUP_BYS} group-bys and ${AIRBRIDGE_MAX_METRICS} metrics`,
    );
  }
  return {
    from: range.from,
    to: range.to,
    groupBys,
    metrics,
    filters: [],
    sorts: [{ fieldName: 'event_date', isAscending: true }],
  };
}
