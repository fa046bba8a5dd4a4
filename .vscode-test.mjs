// @vscode/test-cli configuration: runs the integration suites in a downloaded desktop VS Code
// (`npx vscode-test` after `npm run build`; needs network access to update.code.visualstudio.com).
// On machines without it, `npm run test:integration` runs the same compiled suites in a real VS Code
// served locally (scripts/vscode-test/README.md).
//
// `*.untrusted.test.js` suites are left out here: @vscode/test-electron always launches VS Code
// with --disable-workspace-trust, so a workspace can never be untrusted in this runner. They run
// in the local harness's second session (workspace trust enabled, folder not trusted).
import { defineConfig } from '@vscode/test-cli';

const grep = process.env.LOSS_LENS_TEST_GREP;

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/!(*.untrusted).test.js',
  workspaceFolder: 'test/fixtures/workspace',
  // Mocha options match test/integration/index.ts: TDD interface (suite/test), 20 s per test.
  mocha: { ui: 'tdd', timeout: 20_000, ...(grep ? { grep } : {}) },
  env: { LOSS_LENS_TEST_SESSION: 'trusted' },
});
