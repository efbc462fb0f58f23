import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTE_CLI_TYPES } from '../../src/domain/search-attributes';
import { projectRoot } from '../../src/stack/paths';

/** No Docker engine runs here, so docker-compose.yml is checked for structure and for agreement with the code. */
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: string[];
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}

const root = projectRoot();
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('has Temporal with its UI, MongoDB, the sandbox and the worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['mongo', 'sandbox', 'temporal', 'worker']);
    expect(compose.services.temporal?.ports).toEqual(expect.arrayContaining(['7233:7233', '8233:8233']));
  });

  it('registers exactly the search attributes the workflows use', () => {
    const flags = (compose.services.temporal?.command ?? []).filter((c) => c.startsWith('--search-attribute='));
    expect(flags.map((f) => f.replace('--search-attribute=', '')).sort()).toEqual(
      Object.entries(SEARCH_ATTRIBUTE_CLI_TYPES)
        .map(([k, v]) => `${k}=${v}`)
        .sort(),
    );
  });

  it('points the worker at the compose services and waits for them', () => {
    const worker = compose.services.worker!;
    expect(worker.environment).toMatchObject({
      TEMPORAL_ADDRESS: 'temporal:7233',
      ADOPS_META_BASE_URL: 'http://sandbox:4010/meta',
    });
    expect(worker.environment?.MONGO_URL).toMatch(/^mongodb:\/\/mongo:27017\//);
    for (const dependency of Object.keys(worker.depends_on ?? {})) expect(compose.services[dependency]).toBeDefined();
    for (const file of worker.env_file ?? []) expect(existsSync(path.join(root, file))).toBe(true);
  });

  it('builds from a Dockerfile whose entry points exist', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('src/cli/main.ts');
    expect(existsSync(path.join(root, 'src/cli/main.ts'))).toBe(true);
    expect(existsSync(path.join(root, 'src/sandbox/main.ts'))).toBe(true);
    expect(compose.services.sandbox?.command).toContain('src/sandbox/main.ts');
  });
});
