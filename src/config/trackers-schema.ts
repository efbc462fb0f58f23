import { z } from 'zod';
import { isValidTimeZone } from '../domain/dates';
import { PLATFORMS } from '../domain/platforms';
import { TRACKERS, type Tracker } from '../domain/trackers';

/**
 * config/trackers.yaml: each tracker's API settings, the apps it measures, and how its media sources and campaigns
 * map onto the media platforms' accounts and campaigns. Cross-file checks (advertisers, ad accounts) are in
 * trackers.ts.
 */

const timeZone = z.string().refine(isValidTimeZone, { message: 'is not an IANA time zone (e.g. Asia/Seoul)' });
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as KRW or USD')
  .refine((code) => KNOWN_CURRENCIES.has(code), { message: 'is not an ISO 4217 currency code' });
const envVarName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'must be the NAME of an environment variable (upper case), not the secret itself');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');
const seconds = (max: number) => z.number().min(0.001, 'must be at least 0.001 s').max(max, `must be at most ${max} s`);

const common = {
  baseUrl: z.url(),
  /**
   * Days after a date during which the tracker may still change it; each run re-pulls them and rows older than this
   * are marked mature. One edit here changes it (each value's source is in the YAML comment).
   */
  restatementWindowDays: z.number().int().min(0).max(365),
  /** Longest date range one request asks for; longer pulls are split. */
  maxRangeDays: z.number().int().min(1).max(400),
  /** Client-side pacing of HTTP requests inside one worker. */
  requestsPerSecond: z.number().min(0.001).max(10_000),
  requestTimeoutSeconds: seconds(600),
  /** Floor for rate-limit back-off when the tracker gives no wait of its own (none of the three sends headers). */
  minRateLimitBackoffSeconds: seconds(86_400),
};

export const appsflyerSettingsSchema = z
  .object({
    ...common,
    /** Ranges of this many days or fewer are "short": 1 call per minute per app and report, no daily quota. */
    shortRangeMaxDays: z.number().int().min(1).max(31),
    shortRangeIntervalSeconds: seconds(3_600),
    /** Calls for longer ranges per UTC day: per app, and per account (one API token is one account). */
    dailyQuotaPerApp: z.number().int().min(1).max(100_000),
    dailyQuotaPerAccount: z.number().int().min(1).max(100_000),
    /** Also pull the retargeting report (reattr=true) for re-engagements. */
    retargeting: z.boolean(),
  })
  .strict();

export const ADJUST_ATTRIBUTION_TYPES = ['click', 'impression', 'engaged_ad'] as const;

export const adjustSettingsSchema = z
  .object({
    ...common,
    attributionTypes: z
      .array(z.enum(ADJUST_ATTRIBUTION_TYPES))
      .min(1)
      .refine((types) => new Set(types).size === types.length, 'must not repeat a type'),
    /** `immature`: cumulative metrics of every cohort as they stand; `mature`: zero until the cohort matures. */
    cohortMaturity: z.enum(['immature', 'mature']),
    attributionSource: z.enum(['first', 'dynamic']),
  })
  .strict();

export const airbridgeSettingsSchema = z
  .object({
    ...common,
    /** Rows per result page (the `size` of GET …/query/{taskId}). */
    pageSize: z.number().int().min(1).max(100_000),
    /** Polling a task: first wait, doubling up to the cap, giving up (TrackerTaskFailed TIMEOUT) after the deadline. */
    pollFirstSeconds: seconds(600),
    pollMaxSeconds: seconds(600),
    taskTimeoutSeconds: seconds(3_600),
    /** Submissions of one query before a FAILURE is final. */
    taskAttempts: z.number().int().min(1).max(10),
  })
  .strict();

export type AppsflyerSettings = z.infer<typeof appsflyerSettingsSchema>;
export type AdjustSettings = z.infer<typeof adjustSettingsSchema>;
export type AirbridgeSettings = z.infer<typeof airbridgeSettingsSchema>;
export type TrackerSettings = AppsflyerSettings | AdjustSettings | AirbridgeSettings;
export interface TrackerSettingsOf {
  appsflyer: AppsflyerSettings;
  adjust: AdjustSettings;
  airbridge: AirbridgeSettings;
}

/** Per tracker: the shape of its app id (AppsFlyer: store id; Adjust: 12-char app token; Airbridge: app name). */
const APP_ID_PATTERNS: Record<Tracker, RegExp> = {
  appsflyer: /^(id\d+|[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+)$/,
  adjust: /^[a-z0-9]{12}$/,
  airbridge: /^[a-z0-9]+$/,
};

export const trackerAppSchema = z
  .object({
    /** The app's key in this file and in tracker_daily rows. */
    id: slug,
    /** An advertiser of config/accounts.yaml: who owns the rows. */
    advertiser: slug,
    tracker: z.enum(TRACKERS),
    /** The tracker's own id: AppsFlyer `id123…` or package name; Adjust app token; Airbridge app name. */
    appId: z.string().min(1),
    name: z.string().optional(),
    /** The app's reporting zone and currency as set in the tracker; rows are dated and valued in them. */
    timeZone,
    currency,
    /** Values are environment variable NAMES; secrets are read inside activities only. */
    credentials: z.object({ apiToken: envVarName }).strict(),
    /** AppsFlyer: the account the API token belongs to, for the per-account daily quota (apps sharing a token share it). */
    account: slug.optional(),
    /** Adjust: event slugs counted per name (`<slug>_events`); a slug costs one metric, nothing else. */
    events: z
      .array(z.string().regex(/^[a-z0-9_]+$/, 'must be an event slug (lower-case letters, digits, underscores)'))
      .optional(),
  })
  .strict()
  .superRefine((app, ctx) => {
    if (!APP_ID_PATTERNS[app.tracker].test(app.appId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['appId'],
        message: `"${app.appId}" is not a ${app.tracker} app id (expected ${APP_ID_PATTERNS[app.tracker]})`,
      });
    }
    if (app.events && app.tracker !== 'adjust') {
      ctx.addIssue({
        code: 'custom',
        path: ['events'],
        message: `only Adjust needs event slugs (${app.tracker} reports every event name by itself)`,
      });
    }
  });

/** A regular expression that compiles, with the named group(s) a rule needs. */
const nameRuleSchema = z
  .object({
    /**
     * Applied to the tracker's campaign name. `(?<id>…)` captures the media campaign id ("Spring (120…)"),
     * `(?<name>…)` the media campaign name ("af_Spring_KR" → "Spring_KR"). Either or both.
     */
    pattern: z.string().min(1),
    /** Compare captured names without regard to case. */
    ignoreCase: z.boolean().default(false),
  })
  .strict()
  .superRefine((rule, ctx) => {
    try {
      new RegExp(rule.pattern);
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `is not a regular expression: ${(err as Error).message}`,
      });
      return;
    }
    if (!/\(\?<(id|name)>/.test(rule.pattern)) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'must capture (?<id>…) or (?<name>…)' });
    }
  });

export const campaignMappingSchema = z
  .object({
    app: slug,
    /** The tracker's names of the network, exactly as it reports them (AppsFlyer "Facebook Ads", Adjust "Facebook"). */
    mediaSources: z.array(z.string().min(1)).min(1),
    platform: z.enum(PLATFORMS),
    /** The media accounts whose campaigns these sources' campaigns are; all in config/accounts.yaml. */
    accountIds: z.array(z.string().min(1)).min(1),
    /** First: the tracker's campaign id equals the media campaign id (where the tracker reports ids). */
    matchById: z.boolean().default(true),
    /** Then, in order: name rules. Without any, the tracker name must equal a media campaign name. */
    nameRules: z.array(nameRuleSchema).default([]),
  })
  .strict();

export const trackersFileSchema = z
  .object({
    trackers: z
      .object({
        appsflyer: appsflyerSettingsSchema.optional(),
        adjust: adjustSettingsSchema.optional(),
        airbridge: airbridgeSettingsSchema.optional(),
      })
      .strict(),
    apps: z.array(trackerAppSchema),
    mappings: z.array(campaignMappingSchema).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const appIds = new Set<string>();
    file.apps.forEach((app, i) => {
      if (ids.has(app.id))
        ctx.addIssue({ code: 'custom', path: ['apps', i, 'id'], message: `duplicate app id "${app.id}"` });
      ids.add(app.id);
      const key = `${app.tracker}:${app.appId}`;
      if (appIds.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['apps', i, 'appId'], message: `${key} is listed twice` });
      }
      appIds.add(key);
      if (!file.trackers[app.tracker]) {
        ctx.addIssue({
          code: 'custom',
          path: ['apps', i, 'tracker'],
          message: `${app.tracker} has no settings under trackers: (configured: ${Object.keys(file.trackers).join(', ') || 'none'})`,
        });
      }
    });
    file.mappings.forEach((mapping, i) => {
      if (!ids.has(mapping.app)) {
        ctx.addIssue({ code: 'custom', path: ['mappings', i, 'app'], message: `no app "${mapping.app}" under apps:` });
      }
    });
  });

export type TrackerAppConfig = z.infer<typeof trackerAppSchema>;
export type CampaignMappingConfig = z.infer<typeof campaignMappingSchema>;
export type TrackersFile = z.infer<typeof trackersFileSchema>;
