export const PLATFORMS = ['meta', 'google_ads', 'naver', 'kakao', 'tiktok'] as const;
export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/** Workflows (and database-only activities) run here. */
export const MAIN_TASK_QUEUE = 'adops';

/**
 * One activity task queue per platform so the server can enforce that platform's quota across all workers. Derived
 * from the main queue ("adops" → "adops-meta"), so a test or a second deployment can run beside the first.
 */
export function platformTaskQueue(mainQueue: string, platform: Platform): string {
  return `${mainQueue}-${platform.replace('_', '-')}`;
}

/** Name of the environment variable that overrides a platform's API base URL (ADOPS_META_BASE_URL, ...). */
export function baseUrlEnvVar(platform: Platform): string {
  return `ADOPS_${platform.toUpperCase()}_BASE_URL`;
}
