import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../../src/domain/metrics';
import { rowsAsOf, type CurrentMetricRow, type MetricRevision } from '../../src/domain/metrics-as-of';

const at = (iso: string) => new Date(iso);

function row(entityId: string, date: string, spend: number): MetricRow {
  return {
    platform: 'meta',
    accountId: 'act_1',
    advertiserId: 'acme',
    level: 'campaign',
    entityId,
    entityName: entityId,
    date,
    currency: 'KRW',
    timeZone: 'Asia/Seoul',
    impressions: 100,
    clicks: 10,
    spendMicros: BigInt(spend) * 1_000_000n,
    conversions: 1,
    conversionValueMicros: 0n,
    mature: false,
  };
}
const id = (r: MetricRow) => `meta|act_1|campaign|${r.entityId}|${r.date}`;
const revision = (r: MetricRow, n: number, pulledAt: string): MetricRevision => ({
  rowId: id(r),
  revision: n,
  pulledAt: at(pulledAt),
  row: r,
});
const current = (r: MetricRow, n: number, firstSeenAt: string, updatedAt: string): CurrentMetricRow => ({
  rowId: id(r),
  revision: n,
  firstSeenAt: at(firstSeenAt),
  updatedAt: at(updatedAt),
  row: r,
});
const spendOf = (rows: MetricRow[]) =>
  Object.fromEntries(rows.map((r) => [`${r.entityId} ${r.date}`, Number(r.spendMicros / 1_000_000n)]));

describe('rowsAsOf', () => {
  // C1 on 11-01: 1000 won pulled on 11-02, restated to 1500 on 11-03 and to 1700 on 11-05.
  const c1v1 = row('C1', '2026-11-01', 1000);
  const c1v2 = row('C1', '2026-11-01', 1500);
  const c1v3 = row('C1', '2026-11-01', 1700);
  // C2 on 11-03: first pulled on 11-04.
  const c2 = row('C2', '2026-11-03', 800);
  const timeline = {
    current: [
      current(c1v3, 3, '2026-11-02T01:00:00Z', '2026-11-05T01:00:00Z'),
      current(c2, 1, '2026-11-04T01:00:00Z', '2026-11-04T01:00:00Z'),
    ],
    // History holds what the restatements overwrote; the current row is the latest revision.
    revisions: [revision(c1v1, 1, '2026-11-02T01:00:00Z'), revision(c1v2, 2, '2026-11-03T01:00:00Z')],
  };

  it('returns the latest revision written at or before T, and leaves out rows first stored after T', () => {
    expect(spendOf(rowsAsOf(timeline, at('2026-11-02T12:00:00Z')).rows)).toEqual({ 'C1 2026-11-01': 1000 });
    // Exactly at a revision's write time, that revision is known.
    expect(spendOf(rowsAsOf(timeline, at('2026-11-03T01:00:00Z')).rows)).toEqual({ 'C1 2026-11-01': 1500 });
    expect(spendOf(rowsAsOf(timeline, at('2026-11-04T12:00:00Z')).rows)).toEqual({
      'C1 2026-11-01': 1500,
      'C2 2026-11-03': 800,
    });
    expect(spendOf(rowsAsOf(timeline, at('2026-11-30T00:00:00Z')).rows)).toEqual({
      'C1 2026-11-01': 1700,
      'C2 2026-11-03': 800,
    });
    expect(rowsAsOf(timeline, at('2026-11-01T00:00:00Z'))).toEqual({ rows: [], unknown: [] });
  });

  it('keeps only the dates asked for', () => {
    const asked = rowsAsOf(timeline, at('2026-11-30T00:00:00Z'), new Set(['2026-11-03']));
    expect(spendOf(asked.rows)).toEqual({ 'C2 2026-11-03': 800 });
  });

  describe('rows written before history was kept', () => {
    it('revision 1 without history: known from firstSeenAt on', () => {
      const t = { current: [current(c1v1, 1, '2026-11-02T01:00:00Z', '2026-11-02T01:00:00Z')], revisions: [] };
      expect(rowsAsOf(t, at('2026-11-02T00:59:59Z'))).toEqual({ rows: [], unknown: [] });
      expect(spendOf(rowsAsOf(t, at('2026-11-02T01:00:00Z')).rows)).toEqual({ 'C1 2026-11-01': 1000 });
    });

    it('revision > 1 without history: known from updatedAt, unknown between firstSeenAt and updatedAt', () => {
      const t = { current: [current(c1v3, 3, '2026-11-02T01:00:00Z', '2026-11-05T01:00:00Z')], revisions: [] };
      expect(rowsAsOf(t, at('2026-11-01T00:00:00Z'))).toEqual({ rows: [], unknown: [] });
      expect(rowsAsOf(t, at('2026-11-04T00:00:00Z'))).toEqual({ rows: [], unknown: [id(c1v3)] });
      expect(spendOf(rowsAsOf(t, at('2026-11-05T01:00:00Z')).rows)).toEqual({ 'C1 2026-11-01': 1700 });
    });

    it('at revision 3 when history began, restated since: unknown before revision 3, each revision after', () => {
      const c1v4 = row('C1', '2026-11-01', 1800);
      const t = {
        current: [current(c1v4, 4, '2026-11-02T01:00:00Z', '2026-11-07T01:00:00Z')],
        // Revision 3 (stored 11-05) was copied to history when revision 4 overwrote it on 11-07.
        revisions: [revision(c1v3, 3, '2026-11-05T01:00:00Z')],
      };
      expect(rowsAsOf(t, at('2026-11-03T12:00:00Z'))).toEqual({ rows: [], unknown: [id(c1v4)] });
      expect(spendOf(rowsAsOf(t, at('2026-11-06T00:00:00Z')).rows)).toEqual({ 'C1 2026-11-01': 1700 });
      expect(spendOf(rowsAsOf(t, at('2026-11-08T00:00:00Z')).rows)).toEqual({ 'C1 2026-11-01': 1800 });
    });
  });
});
