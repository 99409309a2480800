// One flat config for the whole monorepo: type-aware rules (no-floating-promises above all:
// a dropped promise in the outbox or the print queue is a lost transaction).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/build/',
      '**/.svelte-kit/',
      '**/.turbo/',
      '.data/',
      '.test-env/',
      '**/test-results/',
      '**/playwright-report/',
      '**/*.config.js',
      '**/*.config.ts',
      // dependency-cruiser's rules and resolver (CommonJS, outside every tsconfig).
      '.dependency-cruiser*.cjs',
      'scripts/',
      // The comptoir-site launcher: plain JavaScript that must run before any build, like scripts/.
      'kiosk-config/bin/',
      // The built server's entry and its build step (plain Node, copied into web/build).
      'web/server/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser },
    },
  },
);
