import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import { sandboxWorld, useSandbox } from '../helpers/sandbox';
import { sandboxSecrets } from '../helpers/trackers';

describe('sandbox control plane for trackers', () => {
  const sandbox = useSandbox(sandboxWorld());

  it('one process serves media and trackers, and tells their truth and quota counts over HTTP', async () => {
    const health = (await (await fetch(`${sandbox.url}/_sandbox/health`)).json()) as {
      platforms: string[];
      trackers: string[];
    };
    expect(health.trackers).toEqual(['appsflyer', 'adjust', 'airbridge']);
    expect(health.platforms).toContain('meta');

    const day = addDays(dateInZone(sandbox.state.now(), 'Asia/Seoul'), -3);
    const served = await fetch(
      `${sandbox.url}/appsflyer/api/agg-data/export/app/com.hanbit.beauty/partners_by_date_report/v5?from=${day}&to=${day}&timezone=Asia/Seoul`,
      { headers: { Authorization: `Bearer ${sandboxSecrets.APPSFLYER_API_TOKEN}` } },
    );
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('text/csv');
    const lines = (await served.text()).trim().split('\n');

    const truth = (await (
      await fetch(`${sandbox.url}/_sandbox/truth/appsflyer/com.hanbit.beauty?from=${day}&to=${day}&reattr=false`)
    ).json()) as {
      rows: Array<{ date: string; revenueMicros: string }>;
    };
    // One CSV line per UA campaign-day (organic included), the same rows the truth lists; money as decimal strings.
    expect(truth.rows.length).toBe(lines.length - 1);
    expect(truth.rows.every((r) => r.date === day && /^\d+$/.test(r.revenueMicros))).toBe(true);

    const quotas = (await (await fetch(`${sandbox.url}/_sandbox/quotas`)).json()) as {
      quotas: Record<string, unknown>;
    };
    expect(quotas.quotas).toEqual({
      'appsflyer:minute:com.hanbit.beauty:partners_by_date_report': { limit: 1, used: 1, refused: 0 },
    });

    const again = await fetch(
      `${sandbox.url}/appsflyer/api/agg-data/export/app/com.hanbit.beauty/partners_by_date_report/v5?from=${day}&to=${day}`,
      { headers: { Authorization: `Bearer ${sandboxSecrets.APPSFLYER_API_TOKEN}` } },
    );
    // Within the minute: refused with AppsFlyer's bare 403 and no rate-limit header, and counted as refused.
    expect([again.status, await again.text(), again.headers.get('retry-after')]).toEqual([
      403,
      'Limit reached for partners_by_date_report',
      null,
    ]);
    expect(sandbox.state.quotas.get('appsflyer:minute:com.hanbit.beauty:partners_by_date_report')).toEqual({
      limit: 1,
      used: 1,
      refused: 1,
    });
  });
});
