import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

// Pure packages must stay free of I/O and frameworks so they can be reasoned about and
// tested as plain functions; this list is the lint-time half of that boundary (the other
// half is dependency-cruiser, which also sees transitive imports).
const ioAndFrameworks = [
  'node:*',
  'fs',
  'path',
  'http',
  'net',
  'socket.io',
  'socket.io-client',
  'yjs',
  'y-protocols',
  'livekit-*',
  '@livekit/*',
  'svelte',
  'svelte/*',
  '@sveltejs/*',
  'kysely',
  'pg',
];

export default ts.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/build/**',
      '**/dist/**',
      '**/.svelte-kit/**',
      '**/.turbo/**',
      'data/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // Size gates for production code (what apps/*/src and packages/*/src ship; tests, benches
    // and tooling are exempt). Blank lines are not counted, comments are: a comment is read
    // like code, and a file a person can read in one sitting includes its comments.
    files: ['apps/*/src/**/*.{ts,svelte}', 'packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: false }],
      'max-lines-per-function': [
        'error',
        { max: 50, skipBlankLines: true, skipComments: false, IIFEs: true },
      ],
    },
  },
  {
    // Over the function-size gate on purpose; CONTRIBUTING.md ("Size gates") says why for each.
    // The list only ever shrinks: never add a file without a line there saying why.
    files: [
      'apps/server/src/store/doc-queries.ts',
      'apps/server/src/store/migrations/0001-initial.ts',
      'apps/server/src/store/session-queries.ts',
    ],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: ['packages/protocol/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ioAndFrameworks, message: 'packages/protocol is pure: no I/O.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Time is a parameter in the protocol engine.' },
        { name: 'setTimeout', message: 'The engine has no timers; the server schedules.' },
        { name: 'setInterval', message: 'The engine has no timers; the server schedules.' },
        { name: 'performance', message: 'Time is a parameter in the protocol engine.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The engine must be deterministic.' },
      ],
    },
  },
  {
    // The lint-time half of dependency-cruiser's wire-and-client rules: these two packages run
    // in the browser as well as in Node, under any UI.
    files: ['packages/wire/src/**/*.ts', 'packages/client/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'net', 'svelte', 'svelte/*', '@sveltejs/*'],
              message: 'packages/wire and packages/client run anywhere: no Node, no Svelte.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@roundtable/server', '**/apps/server/**'],
              message: 'Apps never import each other.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@roundtable/web', '**/apps/web/**'],
              message: 'Apps never import each other.',
            },
          ],
        },
      ],
    },
  },
);
