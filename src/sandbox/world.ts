import { z } from 'zod';
import { loadYamlFile } from '../config/load';

const account = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    timeZone: z.string(),
    campaigns: z.number().int().min(0),
    /** Median daily spend per campaign, major units of the account currency. */
    medianDailySpend: z.number().positive(),
  })
  .strict();

/** Which credential may read which accounts: a token (Meta, Kakao, TikTok, Google OAuth) or a key pair (Naver). */
const grant = z
  .object({
    token: z.string().min(8),
    /** Naver: the secret key the X-Signature is made with. */
    secret: z.string().min(8).optional(),
    /** Google Ads: the manager (MCC) id the login-customer-id header must carry for these accounts. */
    loginCustomerId: z.string().optional(),
    accounts: z.array(z.string()),
  })
  .strict();

const platformWorld = z
  .object({
    grants: z.array(grant),
    accounts: z.array(account),
    /** Platform-specific knobs (e.g. Google developerToken, Kakao reportIntervalMs). */
    options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

/** A tracker campaign: an id where the tracker reports one, and whether it is a retargeting campaign. */
const trackerCampaign = z
  .object({ id: z.string().min(1).optional(), name: z.string().min(1), retargeting: z.boolean().default(false) })
  .strict();

/** One network as a tracker names it, with its campaigns; `cost: false` when the tracker has no cost for it. */
const trackerSource = z
  .object({
    mediaSource: z.string().min(1),
    cost: z.boolean().default(true),
    campaigns: z.array(trackerCampaign).min(1),
  })
  .strict();

const trackerApp = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    timeZone: z.string(),
    /** Median installs a day over all campaigns (organic adds a third on top). */
    dailyInstalls: z.number().positive(),
    /** In-app event names; the first one carries the revenue (a purchase). */
    events: z.array(z.string().min(1)).min(1),
    sources: z.array(trackerSource),
  })
  .strict();

/** Which API token may read which apps; `account` groups apps whose calls count against one account quota. */
const trackerGrant = z
  .object({ token: z.string().min(8), account: z.string().default('default'), apps: z.array(z.string()) })
  .strict();

const trackerWorld = z
  .object({
    grants: z.array(trackerGrant),
    apps: z.array(trackerApp),
    /** Tracker-specific knobs (AppsFlyer shortRangeIntervalMs, …), so tests can shrink a minute to milliseconds. */
    options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

export const sandboxWorldSchema = z
  .object({
    seed: z.number().int(),
    meta: platformWorld,
    google_ads: platformWorld.optional(),
    naver: platformWorld.optional(),
    kakao: platformWorld.optional(),
    tiktok: platformWorld.optional(),
    /** Mobile measurement partners, served under /appsflyer, /adjust, /airbridge beside the media. */
    trackers: z
      .object({
        appsflyer: trackerWorld.optional(),
        adjust: trackerWorld.optional(),
        airbridge: trackerWorld.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type SandboxWorld = z.infer<typeof sandboxWorldSchema>;
export type SandboxPlatformWorld = z.infer<typeof platformWorld>;
export type SandboxGrant = z.infer<typeof grant>;
export type SandboxTrackerWorld = z.infer<typeof trackerWorld>;
export type SandboxTrackerApp = z.infer<typeof trackerApp>;
export type SandboxTrackerSource = z.infer<typeof trackerSource>;
export type SandboxTrackerCampaign = z.infer<typeof trackerCampaign>;
export type SandboxTrackerGrant = z.infer<typeof trackerGrant>;

export function loadSandboxWorld(file: string): SandboxWorld {
  return loadYamlFile(file, sandboxWorldSchema);
}
