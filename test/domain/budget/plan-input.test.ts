import { describe, expect, it } from 'vitest';
import { parsePlanInput, PlanInputError, planToJson } from '../../../src/domain/budget/plan-input';
import { buildPlan } from '../../../src/domain/budget/plan';

// Test inputs are deliberately wrong JSON: typed loosely so each case can break one field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const day = () => ({ date: '2026-11-01', spendMicros: '100000000000', conversions: 12, revenueMicros: 0 });
const valid = () => ({
  currency: 'KRW',
  objective: { kind: 'maxConversions' },
  constraints: { maxChangePct: 0.2 },
  entities: [{ id: 'c1', platform: 'meta', budgetMicros: '100000000000', history: [day()] }],
});

function problemsOf(mutate: (input: ReturnType<typeof valid> & Record<string, unknown>) => void): string {
  const input = valid() as ReturnType<typeof valid> & Record<string, unknown>;
  mutate(input);
  try {
    parsePlanInput(input);
  } catch (err) {
    expect(err).toBeInstanceOf(PlanInputError);
    return (err as PlanInputError).message;
  }
  throw new Error('expected a PlanInputError');
}

describe('parsePlanInput', () => {
  it('reads micros exactly from strings and safe integers', () => {
    const input = parsePlanInput({
      ...valid(),
      totalBudgetMicros: '900719925474099300',
      entities: [{ ...valid().entities[0]!, budgetMicros: 100_000_000_000 }],
    });
    expect(input.totalBudgetMicros).toBe(900_719_925_474_099_300n);
    expect(input.entities[0]!.budgetMicros).toBe(100_000_000_000n);
    expect(input.entities[0]!.history[0]!.revenueMicros).toBe(0n);
  });

  it.each([
    ['entities[0].budgetMicros', (i: Loose) => (i.entities[0].budgetMicros = -1)],
    ['entities[0].budgetMicros', (i: Loose) => (i.entities[0].budgetMicros = 1.5)],
    ['entities[0].budgetMicros', (i: Loose) => (i.entities[0].budgetMicros = 2 ** 60)],
    ['entities[0].budgetMicros', (i: Loose) => (i.entities[0].budgetMicros = '1e9')],
    ['totalBudgetMicros', (i: Loose) => (i.totalBudgetMicros = '1000000000000000001')],
    ['entities[0].history[0].date', (i: Loose) => (i.entities[0].history[0].date = '2026-02-30')],
    ['entities[0].history[0].spendMicros', (i: Loose) => (i.entities[0].history[0].spendMicros = '12.5')],
    ['constraints.maxChangePct', (i: Loose) => (i.constraints.maxChangePct = 0)],
    ['constraints.maxChangePct', (i: Loose) => (i.constraints.maxChangePct = 11)],
    ['constraints.bogus', (i: Loose) => (i.constraints.bogus = 1)],
    ['entities[0].colour', (i: Loose) => (i.entities[0].colour = 'red')],
    ['entities[1].id', (i: Loose) => i.entities.push({ ...i.entities[0] })],
    ['objective.cpaMicros', (i: Loose) => (i.objective = { kind: 'targetCpa' })],
    ['objective.kind', (i: Loose) => (i.objective = { kind: 'maxClicks' })],
    ['currency', (i: Loose) => (i.currency = 'won')],
    ['entities[0].unitMicros', (i: Loose) => (i.entities[0].unitMicros = 0)],
  ])('names %s', (field, mutate) => {
    const message = problemsOf(mutate);
    const [path, key] =
      field.includes('bogus') || field.includes('colour')
        ? [field.replace(/\.\w+$/, ''), field.split('.').pop()!]
        : [field, ''];
    expect(message).toContain(path);
    if (key) expect(message).toContain(key);
  });

  it('rejects entities that share a holder but not a budget', () => {
    const message = problemsOf((i: Loose) => {
      i.entities.push({ ...i.entities[0], id: 'c2', budgetMicros: '5' });
      i.entities[0].holderId = 'b1';
      i.entities[1].holderId = 'b1';
    });
    expect(message).toContain('entities[1].budgetMicros');
  });

  it('prints the plan with micros as decimal strings', () => {
    const plan = buildPlan(parsePlanInput({ ...valid(), minData: { days: 0, conversions: 0 } }));
    const json = JSON.parse(planToJson(plan));
    expect(json.totalFromMicros).toBe('100000000000');
    expect(typeof json.marginalPerMicro).toBe('number');
  });
});
