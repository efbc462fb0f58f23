import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildPlan } from '../domain/budget/plan';
import { parsePlanInput, planToJson, PlanInputError } from '../domain/budget/plan-input';

/** `adops plan --input <file.json>`: the budget plan as JSON on stdout; nothing is written to any platform. */
export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description('propose daily budgets from history (pure: reads a JSON file, prints the plan, changes nothing)')
    .requiredOption('--input <file>', 'plan input JSON (see config/examples/plan-input.json)')
    .action((opts: { input: string }) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(opts.input, 'utf8'));
      } catch (err) {
        throw new PlanInputError([`${opts.input}: cannot read it as JSON (${(err as Error).message})`]);
      }
      console.log(planToJson(buildPlan(parsePlanInput(json))));
    });
}
