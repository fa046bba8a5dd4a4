// `npm run test:integration [-- --grep <pattern>] [--verbose]`: runs the compiled suites in
// out/test/integration inside a real VS Code (see README.md here), in up to two sessions:
//   trusted   — server started with --disable-workspace-trust; every *.test.js except *.untrusted.test.js
//   untrusted — workspace trust enabled, the folder not trusted; only *.untrusted.test.js
// Exits with 0 only when every session's run() resolved.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureVsCode, installExtension, launchVsCode, teardownAll, TEST_LOG_MARKER } from './index';
import { ensureDebuggerTestPackages } from './install';
import { progress, seconds } from './log';
import { compiledIntegrationEntry, debugpyTestExtension, repoRoot } from './paths';

type Session = 'trusted' | 'untrusted';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      grep: { type: 'string', short: 'g' },
      session: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const grep = values.grep ?? process.env.LOSS_LENS_TEST_GREP;
  if (!existsSync(compiledIntegrationEntry)) {
    progress(`${compiledIntegrationEntry} is missing: run \`npm run build\` first`);
    return 1;
  }
  warnIfStale();
  const compiled = readdirSync(dirname(compiledIntegrationEntry)).filter((name) => name.endsWith('.test.js'));
  const sessions = (['trusted', 'untrusted'] as const).filter(
    (session) =>
      (values.session === undefined || values.session === session) &&
      compiled.some((name) => name.endsWith('.untrusted.test.js') === (session === 'untrusted')),
  );
  if (sessions.length === 0) {
    progress(`no suites to run in ${dirname(compiledIntegrationEntry)}`);
    return 1;
  }

  await ensureVsCode();
  ensureDebuggerTestPackages();
  let worst = 0;
  for (const session of sessions) {
    worst = Math.max(worst, await runSession(session, grep, values.verbose ?? false));
  }
  return worst;
}

async function runSession(session: Session, grep: string | undefined, verbose: boolean): Promise<number> {
  const started = Date.now();
  progress(`integration tests, ${session} workspace${grep ? ` (grep: ${grep})` : ''}`);
  const vscode = await launchVsCode({
    trustWorkspace: session === 'trusted',
    // The web workbench takes one extensionDevelopmentPath (its payload is a map), so the test-only
    // extension that registers the debug type `debugpy` is installed, as a user installs a .vsix.
    extensionsDir: await extensionsWithDebugpyAdapter(),
    extensionTestsPath: compiledIntegrationEntry,
    verbosity: verbose ? 'all' : 'tests',
    env: {
      LOSS_LENS_TEST_SESSION: session,
      LOSS_LENS_TEST_LOG_MARKER: TEST_LOG_MARKER,
      ...(grep ? { LOSS_LENS_TEST_GREP: grep } : {}),
    },
  });
  try {
    const code = await vscode.exitCode;
    progress(`${session} session ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds(started)}`);
    return code;
  } finally {
    await vscode.close();
  }
}

const scratch: string[] = [];
process.on('exit', () => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A fresh extensions folder holding test/fixtures/debugpy-extension, packaged with the repo's vsce
 * and installed with the server's own --install-extension.
 */
async function extensionsWithDebugpyAdapter(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'loss-lens-debugpy-'));
  scratch.push(dir);
  const vsix = join(dir, 'debugpy-adapter.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const packaged = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], {
    cwd: debugpyTestExtension,
    encoding: 'utf8',
  });
  if (packaged.status !== 0) throw new Error(`packaging ${debugpyTestExtension} failed:\n${packaged.stdout}${packaged.stderr}`);
  const extensions = join(dir, 'extensions');
  await installExtension(vsix, extensions);
  return extensions;
}

// The runner does not build; say so when sources changed after the last build.
function warnIfStale(): void {
  const builtAt = statSync(compiledIntegrationEntry).mtimeMs;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      const time = entry.isDirectory() ? newest(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0;
      return Math.max(latest, time);
    }, 0);
  const changed = ['src', 'test/integration'].map((dir) => newest(join(repoRoot, dir)));
  if (Math.max(...changed) > builtAt) progress('warning: sources changed since the last `npm run build`; running the old build');
}

const timeoutMs = Number(process.env.LOSS_LENS_TEST_TIMEOUT_MS ?? 10 * 60_000);
const timer = setTimeout(() => {
  progress(`timed out after ${timeoutMs / 1000} s; stopping VS Code`);
  void teardownAll().finally(() => process.exit(1));
}, timeoutMs);

void main()
  .catch((error: unknown) => {
    progress(error instanceof Error ? error.message : String(error));
    return 1;
  })
  .then(async (code) => {
    clearTimeout(timer);
    await teardownAll();
    process.exit(code);
  });
