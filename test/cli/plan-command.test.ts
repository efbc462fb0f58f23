import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeCliError } from '../../src/cli/errors';
import { registerPlanCommand } from '../../src/cli/plan-command';
import { PlanInputError } from '../../src/domain/budget/plan-input';

const dir = mkdtempSync(path.join(os.tmpdir(), 'adops-plan-'));
afterEach(() => vi.restoreAllMocks());

async function runPlan(file: string): Promise<string> {
  const program = new Command('adops').exitOverride();
  registerPlanCommand(program);
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
  await program.parseAsync(['plan', '--input', file], { from: 'user' });
  return printed.join('\n');
}

describe('adops plan', () => {
  it('prints the plan for the example input, micros as strings', async () => {
    const plan = JSON.parse(await runPlan(path.join(__dirname, '../../config/examples/plan-input.json')));
    expect(plan.totalToMicros).toBe(plan.totalFromMicros);
    expect(plan.proposals.length).toBeGreaterThan(3);
    expect(plan.skipped).toEqual([expect.objectContaining({ id: 'meta-lookalike' })]);
  });

  it('fails on bad input with the field named, as the CLI prints it', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ currency: 'KRW', objective: { kind: 'maxConversions' }, entities: [{}] }));
    const err = await runPlan(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanInputError);
    const message = describeCliError(err);
    expect(message).toContain('entities[0].id');
    expect(message).toContain('Fix the named field(s) in the plan input file');
    rmSync(dir, { recursive: true, force: true });
  });
});
