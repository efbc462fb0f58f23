import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
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
  return {
    dir,
    accounts: loadYamlFile(path.join(dir, 'accounts.yaml'), accountsFileSchema),
    platforms: loadYamlFile(path.join(dir, 'platforms.yaml'), platformsFileSchema),
  };
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
  const result = schema.safeParse(doc.toJS());
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
