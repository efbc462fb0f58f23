// Lets `npm run demo` / `npm test` work straight after `git clone`: installs node_modules when they are
// missing or older than package-lock.json. Plain CommonJS on purpose: it runs before any dependency exists.
const { existsSync, statSync } = require('node:fs');
const { execSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  // `npm install`, not `npm ci`: this registry lacks some of @swc/core's optional platform packages, which makes
  // `npm ci` refuse the lock file; `npm install` still installs exactly the locked versions for everything present.
  console.log('[adops] installing npm dependencies (npm install from package-lock.json)...');
  execSync('npm install --no-audit --no-fund --no-save', { cwd: root, stdio: 'inherit' });
}
