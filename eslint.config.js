import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const contentSide = [
  'src/sites/**',
  'src/dom/**',
  'src/ui/**',
  'src/features/**',
  'src/messaging/send.ts',
  'src/messaging/translate-client.ts',
  'entrypoints/*.content/**',
];
const backgroundOnly = ['**/src/translation/service*', '**/src/translation/registry*', '**/src/translation/backends/**', '**/src/cache/**', '**/src/settings/store*', '**/src/settings/broadcast*'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'tests/output/**', 'bench/results*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Node scripts and config files.
    files: ['**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The content script runs on every RedNote page and never holds keys or the network:
    // it may import types from the background side, never its code.
    files: contentSide,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: backgroundOnly, message: 'Background code stays out of the content script.', allowTypeImports: true }] },
      ],
    },
  },
);
