// Lint rules, including the layering of DESIGN.md: the core never imports Electron, and the renderer
// reaches the core only through the API contract in src-main/core/api.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'src-main/core/coordinators/*/gen/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // CommonJS files (the sandboxed preload, build helpers) can only load modules with require().
    files: ['**/*.cjs', '**/*.cts'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-main/core/**/*.{ts,cts,mts}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src-main/core runs in plain Node: it must never import electron.' }],
          patterns: [
            { group: ['electron/*'], message: 'src-main/core runs in plain Node: it must never import electron.' },
            {
              group: ['**/electron/**', '**/headless/**', '**/src-renderer/**'],
              message: 'src-main/core must not depend on the shells (electron/, headless/) or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches Electron only through the preload bridge.' }],
          patterns: [
            {
              regex: 'src-main/(?!core/api/)',
              message: 'The renderer may import only the API contract (src-main/core/api) from src-main.',
            },
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox: no Node modules.' },
          ],
        },
      ],
    },
  },
);
