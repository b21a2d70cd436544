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
// Modules that only the background may run: network, keys, cache. Matched against import paths.
const backgroundOnly = [
  '**/translation/service',
  '**/translation/registry',
  '**/translation/backends/*',
  '**/cache/*',
  '**/settings/store',
  // The settings' declarations name every backend's definition, so they hold the backends' code.
  '**/settings/schema',
  '**/settings/declarations',
  '**/settings/field-kinds',
  '**/settings/broadcast',
  '**/messaging/background-router',
  // On-device OCR: the engine, its worker and models, fetching images.
  '**/ocr/engine',
  '**/ocr/worker',
  '**/ocr/onnx-models',
  '**/ocr/image-reader',
  '**/ocr/ocr-client',
  // pinyin-pro's dictionary: names' pinyin is asked of the background (`romanize`).
  '**/text/pinyin',
  'pinyin-pro',
  // Video subtitles are fetched and cached in the background.
  '**/video/subtitle-loader',
  '**/video/note-page',
];

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
    // The options page and the popup are extension pages, not the content script.
    ignores: ['src/ui/options/**', 'src/ui/popup/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: backgroundOnly, message: 'Background code stays out of the content script.', allowTypeImports: true }] },
      ],
    },
  },
  {
    // And the background never pulls in page code (DOM walking, overlays, Preact).
    files: ['entrypoints/background.ts', 'src/translation/**', 'src/cache/**', 'src/settings/**', 'src/messaging/background-router.ts', 'src/ocr/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/features/*', '**/dom/*', '**/ui/*', '**/sites/*'], message: 'Page code stays out of the background.' }] },
      ],
    },
  },
);
