import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { which } from './procs';

type Progress = (message: string) => void;

/** Where Debian's `chromium` package puts the browser. Playwright's own browser download cannot work here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Debian packages: the browser, and Korean fonts so that reports with Hangul render (not as boxes). */
export const CHROMIUM_APT_PACKAGES = ['chromium', 'fonts-nanum'] as const;

/**
 * Flags for every launch. Without the background-networking ones Chromium's own connections (component updates,
 * sync, QUIC probes) are refused on this machine and page loads stall or fail; --no-sandbox because the tests run
 * as root (Chromium's sandbox refuses root).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let aptUpdated = false;

/**
 * The path of a Chromium to drive with playwright-core: /usr/bin/chromium if present, else installed with apt
 * (`apt-get update` once per process, then `apt-get install -y chromium fonts-nanum`) when running as root.
 */
export async function ensureChromium(progress: Progress = () => {}): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const manual = `apt-get update && apt-get install -y ${CHROMIUM_APT_PACKAGES.join(' ')}`;
  if (!which('apt-get')) {
    throw new Error(
      `Chromium is needed to drive the Temporal Web UI and render reports, and ${CHROMIUM_PATH} does not exist. ` +
        `No apt-get is on PATH to install it: install Debian's 'chromium' package (and 'fonts-nanum' for Korean text) ` +
        `with your system's package manager so that ${CHROMIUM_PATH} exists.`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is needed to drive the Temporal Web UI and render reports, and ${CHROMIUM_PATH} does not exist. ` +
        `Installing it needs root; run:\n  sudo sh -c '${manual}'`,
    );
  }
  progress(`installing Chromium with apt (${CHROMIUM_APT_PACKAGES.join(', ')}); the first time takes a minute or two`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    progress('  apt-get update');
    await run('apt-get', ['update'], { env, what: 'apt-get update', progress, manual });
    aptUpdated = true;
  }
  progress(`  apt-get install -y ${CHROMIUM_APT_PACKAGES.join(' ')}`);
  await run('apt-get', ['install', '-y', ...CHROMIUM_APT_PACKAGES], {
    env,
    what: 'apt-get install of Chromium',
    progress,
    manual,
  });
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`apt-get installed ${CHROMIUM_APT_PACKAGES.join(' ')} but ${CHROMIUM_PATH} still does not exist`);
  }
  progress(`Chromium installed at ${CHROMIUM_PATH}`);
  return CHROMIUM_PATH;
}

/** A headless Chromium (installed first if needed) driven by playwright-core. Close it when done. */
export async function launchChromium(options: { progress?: Progress } & LaunchOptions = {}): Promise<Browser> {
  const { progress, ...launch } = options;
  const executablePath = await ensureChromium(progress);
  return chromium.launch({
    ...launch,
    headless: true,
    executablePath,
    args: [...CHROMIUM_ARGS, ...(launch.args ?? [])],
  });
}

function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; what: string; progress: Progress; manual: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const started = Date.now();
    const ticker = setInterval(
      () => options.progress(`  ... still running ${options.what} (${Math.round((Date.now() - started) / 1000)} s)`),
      30_000,
    );
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => {
      clearInterval(ticker);
      reject(new Error(`${options.what} could not start: ${err.message}. Install Chromium by hand: ${options.manual}`));
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${options.what} failed (exit ${code}):\n${output.slice(-2000)}\n` +
              `Check access to the Debian mirrors and try again, or install Chromium by hand: ${options.manual}`,
          ),
        );
    });
  });
}
