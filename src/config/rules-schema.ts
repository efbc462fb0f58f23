import { z } from 'zod';
import { ENTITY_LEVELS } from '../domain/metrics';
import { PLATFORMS } from '../domain/platforms';
import { moneyPerCurrency } from './money-schema';

/**
 * config/rules.yaml: budget rebalancing rules. Money is written per currency in major units as decimal strings
 * ({ KRW: "50000", USD: "25.50" }) because a rule's scope is planned per currency and amounts are never converted;
 * they are parsed exactly to integer micros here.
 */

const duration = z
  .string()
  .regex(/^\d+\s*(s|m|h|d)$/, 'must be a duration such as "90s", "30m", "24h" or "3d"')
  .transform((text) => {
    const amount = Number(text.replace(/\D/g, ''));
    const unit = text.trim().slice(-1);
    return amount * ({ s: 1_000, m: 60_000, h: 3_600_000 }[unit] ?? 86_400_000);
  });

const regex = z.string().refine(
  (pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

export const AUTOMATION_LEVELS = ['shadow', 'approve', 'auto'] as const;
export type AutomationLevel = (typeof AUTOMATION_LEVELS)[number];

const objective = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('maxConversions') }).strict(),
  z.object({ kind: z.literal('maxRevenue') }).strict(),
  z.object({ kind: z.literal('targetCpa'), cpa: moneyPerCurrency }).strict(),
  z.object({ kind: z.literal('targetRoas'), roas: z.number().positive().max(1000) }).strict(),
  z
    .object({
      kind: z.literal('paceMonthly'),
      monthlyBudget: moneyPerCurrency,
      weighting: z.enum(['even', 'weekday']).default('even'),
      /** What the paced total is spread by: most conversions or most revenue. */
      outcome: z.enum(['conversions', 'revenue']).default('conversions'),
    })
    .strict(),
]);

/**
 * What a rule's curves are fitted on. `media` (the default, also when left out): each platform's own conversions and
 * conversion value. `tracker`: the mobile measurement partner's figures for the same campaign-day (config/trackers.yaml
 * joins them onto media campaigns), with the media's spend: `conversions` picks the tracker count that counts as a
 * conversion, and revenue is the tracker's revenue (in the app's currency, which must be the account's).
 */
export const TRACKER_CONVERSIONS = ['installs', 'reEngagements', 'events'] as const;
export type TrackerConversions = (typeof TRACKER_CONVERSIONS)[number];

const outcomeSource = z.discriminatedUnion('source', [
  z.object({ source: z.literal('media') }).strict(),
  z
    .object({
      source: z.literal('tracker'),
      /** installs, re-engagements (retargeting) or in-app events of every name. */
      conversions: z.enum(TRACKER_CONVERSIONS).default('installs'),
    })
    .strict(),
]);

/**
 * The promotion bar (docs: README, "Measured trust"): what a rule's recorded decisions and realised outcomes must show
 * before `adops rules promote` moves it up the ladder, and below which recent figures demote it by themselves.
 */
const promotionFields = {
  /** Proposals approved unchanged ÷ proposals decided by an AE, in percent. */
  minAgreementPct: z.number().min(0).max(100),
  /** Proposals decided by an AE (at shadow: proposals recorded) before a promotion can be proposed. */
  minDecisions: z.number().int().min(1).max(100_000),
  /** Realised outcomes inside the predicted band ÷ outcomes measured, in percent. */
  minCalibrationPct: z.number().min(0).max(100),
  /** Realised outcomes measured before a promotion can be proposed (0: calibration is not required). */
  minOutcomes: z.number().int().min(0).max(100_000),
  /** The window of the latest decisions (and outcomes) a demotion is judged on. */
  recentDecisions: z.number().int().min(1).max(10_000),
  /** Settled days after a change that make its realised outcome. */
  outcomeDays: z.number().int().min(1).max(90),
  /** How long a proposed promotion (a rulePromotion workflow) waits for an engineer before it expires, changing nothing. */
  proposalExpiresAfter: duration.refine((ms) => ms >= 10_000 && ms <= 28 * 86_400_000, {
    message: 'must be between 10 seconds ("10s") and 28 days ("28d")',
  }),
};

export const PROMOTION_DEFAULTS = {
  minAgreementPct: 95,
  minDecisions: 30,
  minCalibrationPct: 80,
  minOutcomes: 10,
  recentDecisions: 20,
  outcomeDays: 7,
  proposalExpiresAfter: 7 * 86_400_000,
};

export const promotionSchema = z.object(promotionFields).partial().strict();

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    description: z.string().default(''),
    advertiserId: z.string().min(1),
    /** Per-rule kill switch: a killed rule plans nothing and applies nothing, even plans approved before. */
    killSwitch: z.boolean().default(false),
    scope: z
      .object({
        platforms: z.array(z.enum(PLATFORMS)).min(1).optional(),
        level: z.enum(ENTITY_LEVELS).default('campaign'),
        /** Entity ids to include (campaign or ad set ids as the platform writes them). */
        ids: z.array(z.string().min(1)).min(1).optional(),
        /** A regular expression on the entity name (e.g. "^KR_"). */
        namePattern: regex.optional(),
      })
      .strict()
      .default({ level: 'campaign' }),
    objective,
    /** Where conversions and revenue come from (default: the media platform). Tracker figures join campaigns only. */
    outcomeSource: outcomeSource.optional(),
    /** Days of history the curves are fitted on. Only settled days unless includeUnsettled. */
    lookbackDays: z.number().int().min(7).max(365).default(28),
    includeUnsettled: z.boolean().default(false),
    /** Below any of these over the lookback an entity is left alone. */
    minData: z
      .object({
        days: z.number().int().min(1).default(7),
        spend: moneyPerCurrency.default({}),
        conversions: z.number().min(0).default(5),
      })
      .strict()
      .default({ days: 7, spend: {}, conversions: 5 }),
    constraints: z
      .object({
        minDaily: moneyPerCurrency.default({}),
        maxDaily: moneyPerCurrency.default({}),
        /** Largest change of one entity's budget in one run, percent of its current budget. */
        maxChangePct: z.number().positive().max(1000).default(20),
        /** keep: the total is preserved to the micro; cap: the total may move but not above this per currency. */
        total: z.union([z.literal('keep'), z.object({ cap: moneyPerCurrency }).strict()]).default('keep'),
        /**
         * No change to an entity within this long after its last applied change (learning phases). Whole days count
         * in the agency's calendar days: "48h" lets an entity changed on day D change again on D+2, whatever the
         * time of day each run happened to reach it.
         */
        cooldown: duration.default(72 * 3_600_000),
        /** Per platform, where learning differs (TikTok asks for two days between changes; Naver has no learning). */
        cooldownByPlatform: z.partialRecord(z.enum(PLATFORMS), duration).optional(),
        /** Budget changes per ad account per day, across all rules; further entities are held at their budget. */
        maxChangesPerAccountPerDay: z.number().int().min(1).max(1000).default(20),
        /** Cap on the plan's worst-case daily spend (budget × platform overspend factor), per currency. */
        exposureCap: moneyPerCurrency.default({}),
      })
      .strict()
      .default({
        minDaily: {},
        maxDaily: {},
        maxChangePct: 20,
        total: 'keep',
        cooldown: 72 * 3_600_000,
        maxChangesPerAccountPerDay: 20,
        exposureCap: {},
      }),
    level: z.enum(AUTOMATION_LEVELS),
    /** An auto plan with any change larger than this percent asks for approval instead. */
    autoCeilingPct: z.number().positive().max(1000).default(15),
    /** How long an approve plan waits for an AE before it expires unapplied. */
    approvalExpiresAfter: duration
      .refine((ms) => ms >= 10_000 && ms <= 6 * 86_400_000, {
        message: 'must be between 10 seconds ("10s") and 6 days ("6d")',
      })
      .default(24 * 3_600_000),
    /** This rule's own promotion bar, over the file's `promotion:` block (left out of the rule's version). */
    promotion: promotionSchema.optional(),
  })
  .strict();

export const rulesFileSchema = z
  .object({
    /** Global kill switch: no rule plans or applies anything while it is on. */
    killSwitch: z.boolean().default(false),
    /** The promotion bar for every rule; each field defaults to PROMOTION_DEFAULTS. */
    promotion: promotionSchema.default({}).transform((bar) => ({ ...PROMOTION_DEFAULTS, ...bar })),
    rules: z.array(ruleSchema).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
    });
  });

export type RuleConfig = z.infer<typeof ruleSchema>;
export type RulesFile = z.infer<typeof rulesFileSchema>;
