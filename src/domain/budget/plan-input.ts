import { z } from 'zod';
import { isIsoDate } from '../dates';
import type { Plan, PlanInput } from './types';

/**
 * `adops plan --input` JSON → PlanInput, strictly: unknown keys, duplicate ids and bad values are errors that name the
 * field path (entities[2].history[5].spendMicros). Micros are JSON safe integers or decimal-integer strings, parsed
 * exactly to bigint (never through a float), at most 10^18 micros per value (within int64, where
 * storage keeps them).
 */
export class PlanInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`plan input is invalid: ${problems.join('; ')}`);
    this.name = 'PlanInputError';
  }
}

const MAX_MICROS = 10n ** 18n;

const micros = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : value;
  if (!/^\d+$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `expected non-negative integer micros, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  const parsed = BigInt(text);
  if (parsed > MAX_MICROS) {
    ctx.addIssue({ code: 'custom', message: `${text} micros is more than the ${MAX_MICROS} allowed` });
    return z.NEVER;
  }
  return parsed;
});
const positiveMicros = micros.refine((v) => v > 0n, { message: 'must be more than 0' });
const count = z.number().finite().nonnegative();
const isoDate = z.string().refine(isIsoDate, { message: 'must be an ISO date YYYY-MM-DD' });

const historyDay = z.strictObject({
  date: isoDate,
  spendMicros: micros,
  conversions: count,
  revenueMicros: micros.default(0n),
});

const entity = z
  .strictObject({
    id: z.string().min(1),
    platform: z.string().min(1),
    budgetMicros: micros,
    minMicros: micros.optional(),
    maxMicros: micros.optional(),
    unitMicros: positiveMicros.optional(),
    overspendFactor: z.number().min(1).max(10).optional(),
    holderId: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    cooldown: z.boolean().optional(),
    history: z.array(historyDay),
  })
  .superRefine((e, ctx) => {
    if (e.minMicros !== undefined && e.maxMicros !== undefined && e.minMicros > e.maxMicros)
      ctx.addIssue({ code: 'custom', path: ['minMicros'], message: 'is more than maxMicros' });
    const seen = new Set<string>();
    e.history.forEach((h, i) => {
      if (seen.has(h.date))
        ctx.addIssue({ code: 'custom', path: ['history', i, 'date'], message: `duplicate date ${h.date}` });
      seen.add(h.date);
    });
  });

const objective = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('maxConversions') }),
  z.strictObject({ kind: z.literal('maxRevenue') }),
  z.strictObject({ kind: z.literal('targetCpa'), cpaMicros: positiveMicros }),
  z.strictObject({ kind: z.literal('targetRoas'), roas: z.number().finite().positive() }),
]);

export const planInputSchema = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as KRW'),
    objective,
    totalBudgetMicros: micros.optional(),
    constraints: z
      .strictObject({
        maxChangePct: z
          .number()
          .refine((p) => p > 0 && p <= 10, { message: 'must be a fraction in (0, 10], e.g. 0.2 for ±20%' })
          .optional(),
        minDailyMicros: micros.optional(),
        maxDailyMicros: micros.optional(),
        exposureCapMicros: micros.optional(),
      })
      .default({}),
    minData: z
      .strictObject({
        days: z.number().int().nonnegative().optional(),
        spendMicros: micros.optional(),
        conversions: count.optional(),
      })
      .optional(),
    entities: z.array(entity),
  })
  .superRefine((input, ctx) => {
    const seen = new Map<string, number>();
    const holders = new Map<string, number>();
    input.entities.forEach((e, i) => {
      if (seen.has(e.id))
        ctx.addIssue({
          code: 'custom',
          path: ['entities', i, 'id'],
          message: `duplicate id ${e.id} (also entities[${seen.get(e.id)}])`,
        });
      seen.set(e.id, i);
      if (e.holderId === undefined) return;
      const first = holders.get(e.holderId);
      if (first === undefined) return void holders.set(e.holderId, i);
      const other = input.entities[first]!;
      if (other.budgetMicros !== e.budgetMicros || other.platform !== e.platform)
        ctx.addIssue({
          code: 'custom',
          path: ['entities', i, 'budgetMicros'],
          message: `shares holder ${e.holderId} with entities[${first}] but has a different budget or platform`,
        });
    });
    const c = input.constraints;
    if (c.minDailyMicros !== undefined && c.maxDailyMicros !== undefined && c.minDailyMicros > c.maxDailyMicros)
      ctx.addIssue({ code: 'custom', path: ['constraints', 'minDailyMicros'], message: 'is more than maxDailyMicros' });
  });

export function parsePlanInput(json: unknown): PlanInput {
  const result = planInputSchema.safeParse(json);
  if (!result.success) {
    throw new PlanInputError(result.error.issues.map((issue) => `${pathText(issue.path)}: ${issue.message}`));
  }
  return result.data as PlanInput;
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  return text || '(root)';
}

/**
 * The plan as JSON text. Every bigint (micros) is printed as a decimal string: micros totals pass 2^53 for a large
 * KRW book, and a string is read exactly by every JSON parser; counts and predictions stay numbers.
 */
export function planToJson(plan: Plan): string {
  return JSON.stringify(plan, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2);
}
