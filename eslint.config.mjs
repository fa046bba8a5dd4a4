// ESLint flat config: typescript-eslint's type-checked recommended rules for the TypeScript in src/, test/,
// bench/ and scripts/ (the files tsconfig.json includes), ESLint's recommended rules for the plain JavaScript.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The plain JavaScript files are Node scripts; these are the Node globals they use.
const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  require: 'readonly',
  module: 'writable',
  __dirname: 'readonly',
};

export default defineConfig([
  // test/fixtures/ holds the files the hover tests open: their unused variables are the literals being hovered.
  globalIgnores(['dist/', 'out/', '.vscode-test/', 'node_modules/', 'test-results/', 'media/', 'test/fixtures/']),
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's describe/it/test/suite return promises the runner itself awaits (it collects and orders the
      // subtests); awaiting or voiding each of them in every test file would be noise, not a fix.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      // `const { dropped, ...rest } = value` is how the code leaves keys out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/literal/**/*.ts'],
    rules: {
      // The literal scanners compare charCodeAt() results with the numeric enum Ch, a table of named character
      // codes: comparing a plain number with an enum member is the whole point of it there. (An enum rather than a
      // const object because esbuild inlines enum members into the scanners' loops.)
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
]);
