import { z } from 'zod';
import { isValidTimeZone } from '../domain/dates';
import { ENTITY_LEVELS } from '../domain/metrics';
import { moneyPerCurrency } from './money-schema';
import { PLATFORMS } from '../domain/platforms';
import { WORKFLOW_TYPES, type WorkflowType } from '../domain/workflow-types';
import { HARD_EARLIEST_DATE, MAX_BACKFILL_DAYS, MAX_PULL_DAYS } from '../domain/workflow-input';

const timeZone = z.string().refine(isValidTimeZone, { message: 'is not an IANA time zone (e.g. Asia/Seoul)' });
/** ISO 4217 codes the runtime knows (Intl), so a typo such as XYZ is caught here rather than in a report. */
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as KRW or USD')
  .refine((code) => KNOWN_CURRENCIES.has(code), { message: 'is not an ISO 4217 currency code' });
const envVarName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'must be the NAME of an environment variable (upper case), not the secret itself');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');

/** Per platform: the credential keys its connector reads (values name environment variables). */
export const CREDENTIAL_KEYS: Record<(typeof PLATFORMS)[number], { required: string[]; optional: string[] }> = {
  meta: { required: ['accessToken'], optional: [] },
  google_ads: { required: ['accessToken'], optional: ['developerToken'] },
  naver: { required: ['apiKey', 'secretKey'], optional: [] },
  kakao: { required: ['accessToken'], optional: [] },
  tiktok: { required: ['accessToken'], optional: [] },
};

/** Per platform: which account id shape the real API uses. */
const ACCOUNT_ID_PATTERNS: Record<(typeof PLATFORMS)[number], RegExp> = {
  meta: /^act_\d+$/,
  google_ads: /^\d{10}$/,
  naver: /^\d+$/,
  kakao: /^\d+$/,
  tiktok: /^\d+$/,
};

export const accountSchema = z
  .object({
    platform: z.enum(PLATFORMS),
    accountId: z.string().min(1),
    name: z.string().optional(),
    currency,
    timeZone,
    /** Values are environment variable NAMES; secrets are read inside activities only. */
    credentials: z.record(z.string(), envVarName),
    /** Google Ads: the manager (MCC) customer id sent as login-customer-id, digits only. Not a secret. */
    loginCustomerId: z
      .string()
      .regex(/^\d{10}$/, 'must be 10 digits without hyphens')
      .optional(),
  })
  .strict()
  .superRefine((account, ctx) => {
    if (!ACCOUNT_ID_PATTERNS[account.platform].test(account.accountId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['accountId'],
        message: `"${account.accountId}" is not a ${account.platform} account id (expected ${ACCOUNT_ID_PATTERNS[account.platform]})`,
      });
    }
    const keys = CREDENTIAL_KEYS[account.platform];
    for (const key of keys.required) {
      if (!(key in account.credentials)) {
        ctx.addIssue({
          code: 'custom',
          path: ['credentials', key],
          message: `missing: ${account.platform} needs ${keys.required.join(' and ')} (each the name of an environment variable)`,
        });
      }
    }
    for (const key of Object.keys(account.credentials)) {
      if (![...keys.required, ...keys.optional].includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['credentials', key],
          message: `unknown credential key for ${account.platform} (expected ${[...keys.required, ...keys.optional].join(', ')})`,
        });
      }
    }
  });

export const advertiserSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    accounts: z.array(accountSchema).min(1, 'an advertiser needs at least one ad account'),
    /** Per currency, major units ({ KRW: '30000000' }): reports show pacing against it. Never converted. */
    monthlyBudgets: moneyPerCurrency.optional(),
  })
  .strict();

export const accountsFileSchema = z
  .object({
    /** The agency's own zone: "yesterday" for a daily run is computed here. */
    timeZone,
    advertisers: z.array(advertiserSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seenAdvertisers = new Map<string, number>();
    const seenAccounts = new Map<string, string>();
    file.advertisers.forEach((advertiser, i) => {
      if (seenAdvertisers.has(advertiser.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['advertisers', i, 'id'],
          message: `duplicate advertiser id "${advertiser.id}"`,
        });
      }
      seenAdvertisers.set(advertiser.id, i);
      advertiser.accounts.forEach((account, j) => {
        const key = `${account.platform}:${account.accountId}`;
        const owner = seenAccounts.get(key);
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['advertisers', i, 'accounts', j, 'accountId'],
            message: `${key} is already listed under advertiser "${owner}"`,
          });
        }
        seenAccounts.set(key, advertiser.id);
      });
    });
  });

/** Seconds, bounded so a typo (1e-9, 1e9) is caught: from 1 ms to a day. */
const seconds = (max = 86_400) =>
  z.number().min(0.001, 'must be at least 0.001 s').max(max, `must be at most ${max} s`);
const duration = seconds();

export const platformSettingsSchema = z
  .object({
    baseUrl: z.url(),
    /** Path version (v23.0, v26, v1.3, v4); Naver's API has none. */
    apiVersion: z.string().min(1).optional(),
    /** Server-side limit on activity starts for this platform's task queue (all workers together). */
    activitiesPerSecond: z.number().min(0.01).max(10_000),
    /** Client-side pacing of HTTP requests inside one worker. */
    requestsPerSecond: z.number().min(0.01, 'must be at least 0.01 (one request per 100 s)').max(10_000),
    pageSize: z.number().int().positive().max(10_000),
    /** Days back the platform may still change reported values; rows older than this are marked mature. */
    restatementWindowDays: z
      .number()
      .int()
      .min(0)
      .max(MAX_PULL_DAYS - 1, `must be below the ${MAX_PULL_DAYS}-day pull limit`),
    /** "HH:MM" account-local time on (date + window) when a day settles (Kakao: 08:00 the next day). */
    settlesAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
      .optional(),
    /** Minimum spacing of report calls per ad account (Kakao: one report call per 5 s per account). */
    perAccountIntervalSeconds: z.number().nonnegative().max(3_600).optional(),
    /** Floor for rate-limit back-off when the platform's own signal says "now" or nothing. */
    minRateLimitBackoffSeconds: seconds(3_600),
    requestTimeoutSeconds: seconds(600),
    /** Largest response body accepted; a bigger one fails as malformed instead of being stored whole. */
    maxBodyBytes: z
      .number()
      .int()
      .min(1_024)
      .max(1_073_741_824)
      .default(16 * 1024 * 1024),
    /** Entity levels to pull; ad sets / ad groups roughly triple the rows and API calls. Default: both. */
    levels: z
      .array(z.enum(ENTITY_LEVELS))
      .min(1)
      .refine((levels) => levels.includes('campaign'), 'must include campaign (reports and budgets are built on it)')
      .refine((levels) => new Set(levels).size === levels.length, 'must not repeat a level')
      .default([...ENTITY_LEVELS]),
    /**
     * Overrides of the platform's budget rules (src/platforms/<p>/budget-rules.ts), for the numbers its docs leave
     * unverified: a wrong guess is one edit here, with the source named in a comment.
     */
    budget: z
      .object({
        overspendFactor: z.number().min(1).max(10).optional(),
        changesPerHour: z.number().int().min(1).max(1_000).optional(),
        unit: moneyPerCurrency.optional(),
        minDaily: z
          .object({ campaign: moneyPerCurrency.optional(), adset: moneyPerCurrency.optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** Limits on what a run may ask for, whoever starts it (Web UI, CLI, schedule). */
const runsSchema = z
  .object({
    /** No pull, backfill or daily run reaches before this date (older data is not wanted, or not kept by the APIs). */
    earliestDate: isoDate.refine((d) => d >= HARD_EARLIEST_DATE, `must be on or after ${HARD_EARLIEST_DATE}`),
    /** Longest backfill one run may cover. */
    maxBackfillDays: z.number().int().min(1).max(MAX_BACKFILL_DAYS),
    /** Execution timeout per workflow type, in minutes (defaults in src/domain/workflow-types.ts). */
    timeoutMinutes: z
      .object(
        Object.fromEntries(WORKFLOW_TYPES.map((t) => [t, z.number().int().min(1).max(43_200).optional()])) as Record<
          WorkflowType,
          z.ZodOptional<z.ZodNumber>
        >,
      )
      .strict()
      .default({}),
  })
  .strict();

export const platformsFileSchema = z
  .object({
    // A key that is not a platform (a typo such as tik_tok) is an error here, not a missing setting at pull time.
    platforms: z
      .object(
        Object.fromEntries(PLATFORMS.map((p) => [p, platformSettingsSchema.optional()])) as Record<
          (typeof PLATFORMS)[number],
          z.ZodOptional<typeof platformSettingsSchema>
        >,
      )
      .strict(),
    worker: z
      .object({
        shutdownGraceSeconds: duration,
        maxConcurrentPulls: z.number().int().positive().max(1_000),
        /** Children one daily run keeps open at once; each is a workflow on the server. */
        maxParallelChildren: z.number().int().positive().max(500),
      })
      .strict(),
    runs: runsSchema.default({ earliestDate: '2015-01-01', maxBackfillDays: 1100, timeoutMinutes: {} }),
  })
  .strict();

export type AccountConfig = z.infer<typeof accountSchema>;
export type AdvertiserConfig = z.infer<typeof advertiserSchema>;
export type AccountsFile = z.infer<typeof accountsFileSchema>;
export type PlatformSettings = z.infer<typeof platformSettingsSchema>;
export type PlatformsFile = z.infer<typeof platformsFileSchema>;
