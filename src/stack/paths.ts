import path from 'node:path';

/** The repository root (this file lives in src/stack). */
export function projectRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

/** Built binaries and downloaded sources; git-ignored, survives `stack down`. */
export function cacheDir(): string {
  return process.env.ADOPS_CACHE_DIR ?? path.join(projectRoot(), '.cache');
}

/** Server data, logs and pid files; git-ignored. */
export function dataDir(): string {
  return process.env.ADOPS_DATA_DIR ?? path.join(projectRoot(), '.data');
}

export function reportsDir(): string {
  return process.env.ADOPS_REPORTS_DIR ?? path.join(projectRoot(), 'reports');
}
