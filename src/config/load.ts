import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { z } from 'zod';
import { microsToDecimal } from '../domain/money';
import { projectRoot } from '../stack/paths';
import { accountsFileSchema, platformsFileSchema, type AccountsFile, type PlatformsFile } from './schema';

/** A config problem, always naming the file, the path inside it and what is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Array<{ path: string; message: string }>,
  ) {
    super(
      `Invalid config in ${file}:\n` +
        problems.map((p) => `  - ${p.path || '(top level)'}: ${p.message}`).join('\n') +
        '\nFix the file and run the command again.',
    );
    this.name = 'ConfigError';
  }
}

export interface EngineConfig {
  dir: string;
  accounts: AccountsFile;
  platforms: PlatformsFile;
}

export function defaultConfigDir(): string {
  return process.env.ADOPS_CONFIG_DIR ?? path.join(projectRoot(), 'config');
}

export function loadConfig(dir = defaultConfigDir()): EngineConfig {
  const accountsFile = path.join(dir, 'accounts.yaml');
  const accounts = loadYamlFile(accountsFile, accountsFileSchema);
  const platforms = loadYamlFile(path.join(dir, 'platforms.yaml'), platformsFileSchema);
  // An account on a platform without settings would fail only when it is pulled; say so now.
  const unconfigured = accounts.advertisers.flatMap((advertiser, i) =>
    advertiser.accounts.flatMap((account, j) =>
      platforms.platforms[account.platform]
        ? []
        : [
            {
              path: `advertisers[${i}].accounts[${j}].platform`,
              message: `${account.platform} has no settings in platforms.yaml (configured: ${Object.keys(platforms.platforms).join(', ')})`,
            },
          ],
    ),
  );
  if (unconfigured.length > 0) throw new ConfigError(accountsFile, unconfigured);
  return { dir, accounts, platforms };
}

export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [{ path: '', message: `cannot read the file (${(err as Error).message})` }]);
  }
  return parseYamlText(text, file, schema);
}

export function parseYamlText<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ path: `line ${e.linePos?.[0]?.line ?? '?'}`, message: e.message.split('\n')[0] ?? '' })),
    );
  }
  let value: unknown;
  try {
    // The yaml library refuses documents whose aliases expand past its limit (a "billion laughs" bomb).
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ConfigError(file, [{ path: '', message: `cannot be read as YAML: ${(err as Error).message}` }]);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  return result.data;
}

function formatPath(parts: ReadonlyArray<PropertyKey>): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/**
 * A loaded config back to YAML that loads the same (tests and the bench write tweaked copies): money is parsed into
 * bigint micros, so it is written back as a major-unit decimal string (6 decimals), not as a number of micros.
 */
export function configYaml(value: unknown): string {
  return stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? microsToDecimal(v, 6) : v));
}
