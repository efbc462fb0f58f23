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

export const sandboxWorldSchema = z
  .object({
    seed: z.number().int(),
    meta: platformWorld,
    google_ads: platformWorld.optional(),
    naver: platformWorld.optional(),
    kakao: platformWorld.optional(),
    tiktok: platformWorld.optional(),
  })
  .strict();

export type SandboxWorld = z.infer<typeof sandboxWorldSchema>;
export type SandboxPlatformWorld = z.infer<typeof platformWorld>;
export type SandboxGrant = z.infer<typeof grant>;

export function loadSandboxWorld(file: string): SandboxWorld {
  return loadYamlFile(file, sandboxWorldSchema);
}
