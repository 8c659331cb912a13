// Lint setup. The boundary rules live here so that they are checked by a tool, not by memory:
// rules/ imports nothing outside itself, apps/ never imports connector code, and inside connectors/
// imports run down the layers (docs/architecture.md, "How the code is laid out").
// test/import-boundaries.test.ts proves each rule fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Matches a relative import that passes through one of these folders of connectors/. Relative
// only, so that a package such as jira.js never trips the rule meant for connectors/jira/.
const into = (...folders) => `^\\.\\.?/(?:.*/)?(?:${folders.join('|')})(?:/|$)`;

// One no-restricted-imports block per set of files: ESLint does not merge a rule's options across
// blocks, so a file matched by two blocks would keep only the last one's patterns.
const boundary = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

const SIBLING_ADAPTER = 'Zendesk and Jira are sibling adapters behind one port: what both need belongs in connectors/shared or connectors/core, so that either can change without touching the other.';
const ADAPTER_UP = 'An adapter is composed by the CLI, the server and tenants/, not the other way round: take what it needs as a parameter, or move the type down to connectors/shared or connectors/core.';
const BLOCK_TO_ADAPTER = 'connectors/core, shared, store, config and http serve every helpdesk: knowing one adapter here ties all the others to it. Keep the vendor part in the adapter.';
const BLOCK_UP = 'connectors/core, shared, store, config and http sit below the CLI and the server that compose them: importing upward makes a cycle. Move the shared piece down instead.';
const PROPOSALS_PORT = 'connectors/proposals reaches a helpdesk only through HelpdeskPort (connectors/core/helpdesk-port.ts), so that one proposal flow serves Zendesk and Jira alike.';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', performance: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly', Headers: 'readonly', Response: 'readonly', Request: 'readonly', window: 'readonly', document: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(?!\\./)', message: 'rules/ is pure: it imports only from inside rules/.' },
      ] }],
      'no-restricted-globals': ['error',
        { name: 'Date', message: 'rules/ takes the clock as an argument.' },
        { name: 'process', message: 'rules/ does no I/O.' },
        { name: 'fetch', message: 'rules/ does no I/O.' },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'apps/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/connectors/**'], message: 'apps/ talk to the connector over HTTP only.' },
      ] }],
    },
  },
  boundary(['connectors/zendesk/**/*.ts'],
    { regex: into('jira'), message: SIBLING_ADAPTER },
    { regex: into('cli', 'server', 'tenants'), message: ADAPTER_UP },
  ),
  boundary(['connectors/jira/**/*.ts'],
    { regex: into('zendesk'), message: SIBLING_ADAPTER },
    { regex: into('cli', 'server', 'tenants'), message: ADAPTER_UP },
  ),
  boundary(['connectors/{core,shared,store,config,http}/**/*.ts'],
    { regex: into('zendesk', 'jira'), message: BLOCK_TO_ADAPTER },
    { regex: into('cli', 'server'), message: BLOCK_UP },
  ),
  boundary(['connectors/proposals/**/*.ts'],
    { regex: into('zendesk', 'jira'), message: PROPOSALS_PORT },
  ),
);
