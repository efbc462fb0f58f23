import path from 'node:path';
import { loadConfig } from '../../src/config/load';
import type { PlatformSettings, PlatformsFile } from '../../src/config/schema';
import type { Platform } from '../../src/domain/platforms';
import { projectRoot } from '../../src/stack/paths';

/** Platform settings tuned for tests: small pages, short timeouts and back-off floors, fast per-account pacing. */
export function testPlatforms(overrides: Partial<Record<Platform, Partial<PlatformSettings>>> = {}): PlatformsFile {
  const base = loadConfig(path.join(projectRoot(), 'config')).platforms;
  const platforms = Object.fromEntries(
    Object.entries(base.platforms).map(([name, settings]) => [
      name,
      {
        ...settings,
        pageSize: name === 'meta' || name === 'tiktok' ? 10 : settings.pageSize,
        minRateLimitBackoffSeconds: 0.2,
        requestTimeoutSeconds: 2,
        requestsPerSecond: 200,
        activitiesPerSecond: 50,
        ...(settings.perAccountIntervalSeconds !== undefined ? { perAccountIntervalSeconds: 0.2 } : {}),
        ...overrides[name as Platform],
      },
    ]),
  ) as PlatformsFile['platforms'];
  return { ...base, platforms, worker: { ...base.worker, shutdownGraceSeconds: 2 } };
}

export { configYaml } from '../../src/config/load';
