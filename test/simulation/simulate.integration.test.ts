import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLogger, installTemporalLogging } from '../../src/logging';
import { simulate } from '../../src/simulation/run';
import { connectDatabase } from '../../src/storage/mongo';
import { projectRoot } from '../../src/stack/paths';
import { TEST_TEMPORAL_LOG } from '../helpers/test-env';

const out = mkdtempSync(path.join(os.tmpdir(), 'adops-simulate-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function databases(): Promise<string[]> {
  const { client } = await connectDatabase(inject('mongoUrl'));
  try {
    const { databases: list } = await client.db('admin').admin().listDatabases();
    return list.map((d) => d.name);
  } finally {
    await client.close();
  }
}

describe('adops simulate', () => {
  it('runs the example rule 3 days end to end: engine, control and oracle per day, a chart, nothing left behind', async () => {
    installTemporalLogging(createLogger('tests', TEST_TEMPORAL_LOG));
    const before = await databases();
    const lines: string[] = [];
    const result = await simulate({
      ruleId: 'dalbit-revenue',
      days: 3,
      outDir: out,
      configDir: path.join(projectRoot(), 'config'),
      mongoUrl: inject('mongoUrl'),
      reportsDir: out,
      progress: (line) => lines.push(line),
    });

    expect(result.rows.map((r) => r.date)).toEqual([result.from, expect.any(String), result.to]);
    for (const row of result.rows) {
      expect(row.control).toBeGreaterThan(0n);
      expect(row.engine).toBeGreaterThan(0n);
      expect(row.oracle).toBeGreaterThan(0n);
    }
    // One progress line for the history and one per day, each with the three outcomes and the share.
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/day +3\/3 .* engine [\d,]+ +control [\d,]+ +oracle [\d,]+ KRW +captured/);

    // The rule really ran on auto: changes on day 1. Meta may move again the next day (cooldown 24h), a TikTok
    // budget changed on day 1 may not (cooldownByPlatform tiktok 48h).
    const [day1, day2] = result.engineDays;
    expect(day1?.applied).toBeGreaterThan(0);
    const changedOnDay1 = new Set(day1?.appliedKeys);
    expect(day2?.appliedKeys.filter((k) => k.startsWith('meta|') && changedOnDay1.has(k)).length).toBeGreaterThan(0);
    expect(day2?.appliedKeys.filter((k) => k.startsWith('tiktok|') && changedOnDay1.has(k))).toEqual([]);

    const svg = readFileSync(result.chartPath, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const name of ['oracle', 'engine', 'control']) expect(svg).toContain(`>${name}<`);
    expect(readFileSync(result.csvPath, 'utf8').trim().split('\n')).toHaveLength(4);

    // Its private database is dropped.
    expect((await databases()).filter((d) => !before.includes(d) && d.startsWith('sim_'))).toEqual([]);
    expect(existsSync(result.chartPath)).toBe(true);
  }, 600_000);
});
