import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

/**
 * The sandbox is an independent implementation of each platform's API, written from the docs (docs/architecture.md,
 * "The sandbox is independent"): if it shared code with the connector, a test where one reads the other would only
 * prove they agree. Each side states the wire facts it needs on its own.
 */
const sandboxKeepsApart = {
  // connector kit or a platform's or tracker's connector, any platform's or tracker's wire code
  // (platforms/<p>/<file>, trackers/<t>/<file>), but not its sandbox
  regex: '(^|/)connectors?(/|$)|(^|/)(platforms|trackers)/[^/]+/(?!sandbox(/|$))',
  message: 'Sandbox code may not import connector or wire code: state the fact here, citing the doc.',
};
/** From src/platforms/<p>/sandbox/ (or src/trackers/<t>/sandbox/), `../<file>` is that home's wire code. */
const sandboxKeepsOffItsWire = { ...sandboxKeepsApart, regex: '^\\.\\./(?!\\.\\./)' };
/** …and `../../<home>/<file>` is a sibling platform's or tracker's wire code (its sandbox stays reachable). */
const sandboxKeepsOffSiblingWire = { ...sandboxKeepsApart, regex: '^\\.\\./\\.\\./[^./][^/]*/(?!sandbox(/|$))' };
const connectorKeepsApart = {
  regex: '(^|/)sandbox(/|$)',
  message: 'Connector and wire code may not import the sandbox: it must work against the real API.',
};

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', '.data/', 'reports/', 'coverage/', 'test-artifacts/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Workflow code is replayed: it must stay deterministic and free of I/O (docs/architecture.md, Temporal workflow sandbox).
    files: ['src/workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((name) => [
              { name, message: 'Node built-ins are not allowed in workflow code.' },
              { name: `node:${name}`, message: 'Node built-ins are not allowed in workflow code.' },
            ]),
            ...[
              'mongodb',
              'axios',
              'p-retry',
              'pg',
              'pino',
              'yaml',
              '@temporalio/client',
              '@temporalio/worker',
              '@temporalio/activity',
            ].map((name) => ({
              name,
              message: 'I/O libraries and non-workflow Temporal packages belong in activities, not workflows.',
            })),
          ],
          patterns: [
            {
              group: ['**/activities', '**/activities/*'],
              allowTypeImports: true,
              message: 'Workflows may only `import type` from activities.',
            },
            {
              group: [
                '**/storage/*',
                '**/stack/*',
                '**/config/*',
                '**/sandbox/*',
                '**/cli/*',
                '**/workers/*',
                '**/temporal/*',
                '**/logging',
              ],
              allowTypeImports: true,
              message: 'Workflows may import only pure domain modules (src/domain, src/platforms) and types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    ignores: ['src/sandbox/registry.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [sandboxKeepsApart] }] },
  },
  {
    files: ['src/platforms/*/sandbox/**/*.ts', 'src/trackers/*/sandbox/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [sandboxKeepsApart, sandboxKeepsOffItsWire, sandboxKeepsOffSiblingWire] },
      ],
    },
  },
  {
    files: [
      'src/platforms/*/*.ts',
      'src/platforms/*/connector/**/*.ts',
      'src/trackers/*/*.ts',
      'src/trackers/*/connector/**/*.ts',
      'src/connectors/**/*.ts',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [connectorKeepsApart] }] },
  },
);
