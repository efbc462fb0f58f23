import { spawn } from 'node:child_process';
import { cpSync, chmodSync, existsSync, mkdirSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from './paths';
import { which } from './procs';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

type Progress = (message: string) => void;

const binDir = () => path.join(cacheDir(), 'bin');

/** `temporal` from PATH, else the project cache, else built with `go install` into the cache (minutes, once). */
export async function ensureTemporalBinary(progress: Progress): Promise<string> {
  const onPath = which('temporal');
  if (onPath) return onPath;
  const cached = path.join(binDir(), 'temporal');
  if (existsSync(cached)) return cached;
  requireGo('the Temporal CLI (dev server)');
  progress(`building the Temporal CLI (${TEMPORAL_CLI_MODULE}) into ${binDir()}; the first time takes several minutes`);
  mkdirSync(binDir(), { recursive: true });
  await run('go', ['install', TEMPORAL_CLI_MODULE], {
    env: { GOBIN: binDir() },
    what: 'go install of the Temporal CLI',
    progress,
  });
  return cached;
}

/**
 * FerretDB v1.24.2, built from its module source. `go install ...@v1.24.2` cannot be used: it needs the proxy's
 * version list (refused here) and the module zip lacks build/version/version.txt, without which the binary panics
 * at start. So: download the module, copy it to the cache, write version.txt, build.
 */
export async function ensureFerretdbBinary(progress: Progress): Promise<string> {
  const cached = path.join(binDir(), 'ferretdb');
  if (existsSync(cached)) return cached;
  requireGo('FerretDB (the MongoDB-compatible database used when MONGO_URL is not set)');
  progress(`building FerretDB ${FERRETDB_VERSION} into ${binDir()}; the first time takes a few minutes`);
  const json = await run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    what: 'go mod download of FerretDB',
    progress,
    capture: true,
    cwd: cacheDir(),
  });
  const moduleDir = (JSON.parse(json) as { Dir?: string }).Dir;
  if (!moduleDir)
    throw new Error(`go mod download did not report a source directory for FerretDB: ${json.slice(0, 300)}`);
  const source = path.join(cacheDir(), 'src', `FerretDB-${FERRETDB_VERSION}`);
  rmSync(source, { recursive: true, force: true });
  cpSync(moduleDir, source, { recursive: true });
  makeWritable(source);
  writeFileSync(path.join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  mkdirSync(binDir(), { recursive: true });
  await run('go', ['build', '-trimpath', '-o', cached, './cmd/ferretdb'], {
    cwd: source,
    what: 'go build of FerretDB',
    progress,
  });
  return cached;
}

function requireGo(forWhat: string): void {
  if (!which('go')) {
    throw new Error(
      `Go is needed to build ${forWhat}, and no 'go' is on PATH. Install Go (1.22+), or point the project at existing servers with TEMPORAL_ADDRESS / MONGO_URL.`,
    );
  }
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) makeWritable(full);
    else chmodSync(full, 0o644);
  }
}

function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; what: string; progress: Progress; capture?: boolean },
): Promise<string> {
  return new Promise((resolve, reject) => {
    mkdirSync(options.cwd ?? cacheDir(), { recursive: true });
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const started = Date.now();
    const ticker = setInterval(
      () => options.progress(`  ... still running ${options.what} (${Math.round((Date.now() - started) / 1000)} s)`),
      30_000,
    );
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      clearInterval(ticker);
      reject(new Error(`${options.what} could not start: ${err.message}`));
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(
            `${options.what} failed (exit ${code}):\n${stderr.slice(-2000)}\nCheck network access to the Go module proxy (GOPROXY) and try again.`,
          ),
        );
    });
  });
}
