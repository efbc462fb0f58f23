import { z } from 'zod';
import { isValidTimeZone } from '../domain/dates';
import { WORKFLOW_TYPES } from '../domain/workflow-types';
import {
  InputError,
  parseBackfillInput,
  parseDailyOpsInput,
  parsePullAccountInput,
  parseGenerateReportInput,
  parseRebalanceInput,
} from '../domain/workflow-input';

const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
const PARSERS: Record<string, (input: unknown) => unknown> = {
  dailyOps: (i) => parseDailyOpsInput(i, 'dailyOps'),
  pullAll: (i) => parseDailyOpsInput(i, 'pullAll'),
  pullAccount: parsePullAccountInput,
  backfill: parseBackfillInput,
  rebalanceBudgets: parseRebalanceInput,
  generateReport: parseGenerateReportInput,
};

export const scheduleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    workflow: z.enum(WORKFLOW_TYPES),
    /** Local wall-clock time "HH:MM" in timeZone. */
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)'),
    daysOfWeek: z.array(z.enum(DAYS)).min(1).optional(),
    timeZone: z.string().refine(isValidTimeZone, { message: 'is not an IANA time zone (e.g. Asia/Seoul)' }),
    /** How late a missed run may still start, e.g. "6 hours". Required: Temporal's default is a whole year. */
    catchupWindow: z
      .string()
      .regex(/^\d+\s*(s|m|h|d|seconds?|minutes?|hours?|days?)$/, 'must be a duration such as "6 hours" or "30m"'),
    paused: z.boolean().default(false),
    input: z.record(z.string(), z.unknown()).default({}),
    note: z.string().default(''),
  })
  .strict()
  .superRefine((schedule, ctx) => {
    try {
      PARSERS[schedule.workflow]?.(schedule.input);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      for (const problem of err.problems) ctx.addIssue({ code: 'custom', path: ['input'], message: problem });
    }
  });

export const schedulesFileSchema = z
  .object({ schedules: z.array(scheduleSchema) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.schedules.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['schedules', i, 'id'], message: `duplicate schedule id "${s.id}"` });
      seen.add(s.id);
    });
  });

export type ScheduleConfig = z.infer<typeof scheduleSchema>;
export type SchedulesFile = z.infer<typeof schedulesFileSchema>;
