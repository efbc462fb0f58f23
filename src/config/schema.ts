import { z } from 'zod';
import { isValidTimeZone } from '../domain/dates';
import { ENTITY_LEVELS } from '../domain/metrics';
import { PLATFORMS } from '../domain/platforms';

const timeZone = z.string().refine(isValidTimeZone, { message: 'is not an IANA time zone (e.g. Asia/Seoul)' });
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as KRW or USD');
const envVarName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'must be the NAME of an environment variable (upper case), not the secret itself');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');

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
  });

export const advertiserSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    accounts: z.array(accountSchema).min(1, 'an advertiser needs at least one ad account'),
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

const duration = z.number().positive();

export const platformSettingsSchema = z
  .object({
    baseUrl: z.url(),
    /** Path version (v23.0, v26, v1.3, v4); Naver's API has none. */
    apiVersion: z.string().min(1).optional(),
    /** Server-side limit on activity starts for this platform's task queue (all workers together). */
    activitiesPerSecond: z.number().positive(),
    /** Client-side pacing of HTTP requests inside one worker. */
    requestsPerSecond: z.number().positive(),
    pageSize: z.number().int().positive(),
    /** Days back the platform may still change reported values; rows older than this are marked mature. */
    restatementWindowDays: z.number().int().min(0),
    /** "HH:MM" account-local time on (date + window) when a day settles (Kakao: 08:00 the next day). */
    settlesAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
      .optional(),
    /** Minimum spacing of report calls per ad account (Kakao: one report call per 5 s per account). */
    perAccountIntervalSeconds: z.number().nonnegative().optional(),
    /** Floor for rate-limit back-off when the platform's own signal says "now" or nothing. */
    minRateLimitBackoffSeconds: duration,
    requestTimeoutSeconds: duration,
    /** Entity levels to pull; ad sets / ad groups roughly triple the rows and API calls. Default: both. */
    levels: z
      .array(z.enum(ENTITY_LEVELS))
      .min(1)
      .refine((levels) => levels.includes('campaign'), 'must include campaign (reports and budgets are built on it)')
      .refine((levels) => new Set(levels).size === levels.length, 'must not repeat a level')
      .default([...ENTITY_LEVELS]),
  })
  .strict();

export const platformsFileSchema = z
  .object({
    platforms: z.object({ meta: platformSettingsSchema }).catchall(platformSettingsSchema),
    worker: z
      .object({
        shutdownGraceSeconds: duration,
        maxConcurrentPulls: z.number().int().positive(),
        maxParallelChildren: z.number().int().positive(),
      })
      .strict(),
  })
  .strict();

export type AccountConfig = z.infer<typeof accountSchema>;
export type AdvertiserConfig = z.infer<typeof advertiserSchema>;
export type AccountsFile = z.infer<typeof accountsFileSchema>;
export type PlatformSettings = z.infer<typeof platformSettingsSchema>;
export type PlatformsFile = z.infer<typeof platformsFileSchema>;
